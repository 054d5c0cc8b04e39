#!/bin/sh
# Seeds the fuzz corpora: the loader's from codegen's regression corpus and fixtures, the page
# parser's from the SDK reference pages in ../shared/docs (data: copied under fuzz/corpus/,
# which is git-ignored, never checked in). Run from fuzz/: `sh seed.sh`.
set -eu
mkdir -p corpus/load corpus/page
cp ../codegen/tests/regressions/* ../codegen/tests/fixtures/* corpus/load/
if [ -d ../../shared/docs ]; then
    find ../../shared/docs -name '*.md' | head -200 | while read -r page; do
        cp "$page" "corpus/page/$(printf '%s' "$page" | cksum | cut -d' ' -f1).md"
    done
fi
