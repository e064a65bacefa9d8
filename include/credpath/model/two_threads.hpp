// Work split into numbered slices, done by this thread and one more. Private
// to the library (the loader's rule walk and the graph's edge collection).
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <thread>

namespace credpath {

// Calls work(k) once for each k in [0, slices), the slices taken in turn by
// this thread and a helper thread; `work` must only read what they share and
// write what slice k owns. The first failure stops both threads from taking
// more slices and is rethrown here once both have stopped.
template <class Work>
void for_each_slice_on_two_threads(std::uint32_t slices, Work work) {
    std::atomic<std::uint32_t> next_slice{0};
    auto take_slices = [&] {
        for (std::uint32_t k = next_slice++; k < slices; k = next_slice++) work(k);
    };
    std::exception_ptr failure;
    std::thread helper([&] {
        try {
            take_slices();
        } catch (...) {
            failure = std::current_exception();
            next_slice = slices;
        }
    });
    try {
        take_slices();
    } catch (...) {
        next_slice = slices;
        helper.join();
        throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace credpath
