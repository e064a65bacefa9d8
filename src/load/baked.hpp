// Credentials baked into badge images (Open Badges 3.0 "baking"): the text of
// the credential a PNG or SVG carries, JSON or a compact JWS. Private to the
// loader; libpng and libxml2 stay in their own files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "credpath/model/model.hpp"

namespace credpath {

struct BakedCredential {
    std::string text;  // JSON or a compact JWS, as baked
    // Where `text` starts in the image file, when it is text there (an
    // SVG's element content); nullopt for a PNG chunk, which has no lines.
    std::optional<SourceLoc> starts_at;
    SourceLoc element;  // the SVG element holding it (1:1 for a PNG)
};

// The credential or why there is none ("a PNG without a badge: ...").
struct BakedRead {
    std::optional<BakedCredential> credential;
    SourceLoc where{0, 1, 1};  // of the problem
    std::string problem;
};

// The `openbadgecredential` iTXt chunk of a PNG.
BakedRead read_baked_png(std::string_view bytes);
// A 1x1 PNG badge with `credential` baked in (an uncompressed iTXt chunk
// keyed openbadgecredential): for tests and tools.
std::string bake_png(std::string_view credential);

// The `openbadges:credential` element of an SVG: its `verify` attribute (a
// compact JWS), else its text (JSON, often in CDATA). Entities are not
// expanded and nothing is fetched.
BakedRead read_baked_svg(std::string_view text);

}  // namespace credpath
