// The YAML ingest baseline of bench/run: one pass of yaml-cpp's event parser
// (YAML::Parser with a no-op YAML::EventHandler) over each file, read through
// std::ifstream. No tree, no catalog: what parsing alone costs, for comparison
// with `credpath validate`, which builds its document tree from the same events.
//   credpath_yaml_baseline FILE...
// Prints the number of documents, events and bytes to standard output; exit 2
// when a file cannot be read or is not YAML.
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

class CountingHandler : public YAML::EventHandler {
public:
    std::uint64_t events = 0;

    void OnDocumentStart(const YAML::Mark&) override { ++events; }
    void OnDocumentEnd() override { ++events; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnSequenceEnd() override { ++events; }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnMapEnd() override { ++events; }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: credpath_yaml_baseline FILE...\n");
        return 2;
    }
    CountingHandler handler;
    std::uint64_t documents = 0;
    std::uint64_t bytes = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "credpath_yaml_baseline: cannot open %s\n", argv[i]);
            return 2;
        }
        std::error_code error;
        bytes += std::filesystem::file_size(argv[i], error);
        try {
            YAML::Parser parser(in);
            while (parser.HandleNextDocument(handler)) ++documents;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "credpath_yaml_baseline: %s: %s\n", argv[i], e.what());
            return 2;
        }
    }
    std::printf("%llu documents, %llu events, %llu bytes\n", static_cast<unsigned long long>(documents),
                static_cast<unsigned long long>(handler.events), static_cast<unsigned long long>(bytes));
    return 0;
}
