// The credential baked into a PNG badge, read with libpng: the iTXt chunk
// keyed `openbadgecredential` (Open Badges 3.0, "Baking"). Only the chunks
// are kept; pixel data is inflated and dropped by libpng as it passes.
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <string>

#include "baked.hpp"

namespace credpath {

namespace {

constexpr const char* kBadgeKey = "openbadgecredential";
constexpr const char* kOldBadgeKey = "openbadges";  // Open Badges 2.0

// What libpng's callbacks reach: plain data, since libpng leaves by longjmp
// and no C++ object may be alive across it.
struct PngInput {
    const unsigned char* data;
    std::size_t size;
    std::size_t at;
    char error[200];
};

void read_bytes(png_structp png, png_bytep out, png_size_t count) {
    auto* input = static_cast<PngInput*>(png_get_io_ptr(png));
    if (count > input->size - input->at) png_error(png, "the file ends inside a chunk (truncated)");
    std::memcpy(out, input->data + input->at, count);
    input->at += count;
}

void on_error(png_structp png, png_const_charp message) {
    auto* input = static_cast<PngInput*>(png_get_error_ptr(png));
    std::strncpy(input->error, message, sizeof input->error - 1);
    input->error[sizeof input->error - 1] = '\0';
    std::longjmp(png_jmpbuf(png), 1);
}

void on_warning(png_structp, png_const_charp) {}  // damaged ancillary chunks are dropped

// Reads the chunks of the PNG into `info`. False (with input->error set) when
// libpng gives up. Nothing here has a destructor: libpng may longjmp back.
bool read_chunks(png_structp png, png_infop info, PngInput* input) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_read_fn(png, input, read_bytes);
    // A badge is small: hostile sizes stop here rather than in memory.
    png_set_user_limits(png, 1u << 14, 1u << 14);
    png_set_chunk_cache_max(png, 1000);
    png_set_chunk_malloc_max(png, 16u << 20);
    png_read_info(png, info);
    png_start_read_image(png);  // so that png_read_end can inflate and drop the image data
    png_read_end(png, info);    // the text chunks after the image data
    return true;
}

void write_bytes(png_structp png, png_bytep data, png_size_t count) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), count);
}

void flush_nothing(png_structp) {}

// Writes the badge into `out`; false when libpng gives up. As in
// read_chunks, nothing here has a destructor.
bool write_badge(png_structp png, png_infop info, std::string* out, png_textp text) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, out, write_bytes, flush_nothing);
    png_set_IHDR(png, info, 1, 1, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_text(png, info, text, 1);
    png_write_info(png, info);
    png_byte pixel[4] = {0x1b, 0x5e, 0x20, 0xff};
    png_write_row(png, pixel);
    png_write_end(png, info);
    return true;
}

}  // namespace

std::string bake_png(std::string_view credential) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    PngInput errors{nullptr, 0, 0, {}};
    std::string text(credential);
    std::string key(kBadgeKey);
    png_text chunk{};
    chunk.compression = PNG_ITXT_COMPRESSION_NONE;
    chunk.key = key.data();
    chunk.text = text.data();
    chunk.itxt_length = text.size();
    bool written = false;
    if (info) {
        png_set_error_fn(png, &errors, on_error, on_warning);
        written = write_badge(png, info, &out, &chunk);
    }
    png_destroy_write_struct(&png, info ? &info : nullptr);
    if (!written) out.clear();
    return out;
}

BakedRead read_baked_png(std::string_view bytes) {
    BakedRead out;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) {
        out.problem = "libpng could not start";
        return out;
    }
    png_infop info = png_create_info_struct(png);
    PngInput input{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0, {}};
    png_set_error_fn(png, &input, on_error, on_warning);
    const bool read = info && read_chunks(png, info, &input);
    if (!read) {
        out.problem = std::string("a damaged PNG: ") + (input.error[0] ? input.error : "libpng could not read it");
    } else {
        png_textp texts = nullptr;
        int count = 0;
        png_get_text(png, info, &texts, &count);
        bool old_badge = false;
        for (int i = 0; i < count && !out.credential; ++i) {
            const std::string_view key = texts[i].key;
            const std::size_t length =
                texts[i].compression > 0 ? texts[i].itxt_length : texts[i].text_length;  // iTXt : tEXt/zTXt
            if (key == kBadgeKey) out.credential = BakedCredential{std::string(texts[i].text, length), {}, {0, 1, 1}};
            if (key == kOldBadgeKey) old_badge = true;
        }
        if (!out.credential)
            out.problem = old_badge ? "a PNG with an Open Badges 2.0 badge baked in (its `openbadges` chunk): "
                                      "credpath reads Open Badges 3.0 credentials"
                                    : "a PNG without a badge: it has no `openbadgecredential` text chunk";
    }
    png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    return out;
}

}  // namespace credpath
