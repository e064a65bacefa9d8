// Work split into numbered slices, done by this thread and some more. Private
// to the library (the loader's rule walk, the graph's edge collection and the
// plans of `options`' candidates).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace credpath {

// Calls work(k) once for each k in [0, slices), the slices taken in turn by
// this thread and threads - 1 helper threads (at most one thread a slice);
// `work` must only read what they share and write what slice k owns. The first
// failure stops every thread from taking more slices and is rethrown here once
// all have stopped.
template <class Work>
void for_each_slice_on_threads(std::size_t slices, unsigned threads, Work work) {
    std::atomic<std::size_t> next_slice{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto take_slices = [&] {
        try {
            for (std::size_t k = next_slice++; k < slices; k = next_slice++) work(k);
        } catch (...) {
            next_slice = slices;
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    std::vector<std::thread> helpers;
    const std::size_t wanted = std::min<std::size_t>(std::max(1u, threads), std::max<std::size_t>(1, slices));
    for (std::size_t t = 1; t < wanted; ++t) helpers.emplace_back(take_slices);
    take_slices();
    for (std::thread& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

template <class Work>
void for_each_slice_on_two_threads(std::uint32_t slices, Work work) {
    for_each_slice_on_threads(slices, 2, [&](std::size_t k) { work(static_cast<std::uint32_t>(k)); });
}

}  // namespace credpath
