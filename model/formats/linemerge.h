#pragma once

#include "yaml.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace sw::formats {

// A three-way line merge that carries an edit into text an author wrote. `original` is the
// author's text, `base` what Stepwise would write for the unedited document and `edited` what it
// writes for the edited one. Lines of `original` that correspond (after normalisation: comments,
// trailing blanks and quoting ignored) to lines that did not change between `base` and `edited`
// are kept byte for byte with their comments; only the regions around changes are replaced by the
// new lines. Callers must re-read the result and fall back to a full rewrite when it does not
// give the edited document: this merge knows lines, not YAML or JSON structure.
enum class LineSyntax { Yaml, Json };

struct LineMergeResult
{
    QList<QByteArray> lines;
    int replacedRegions = 0;
    QList<int> lostCommentLines; // 1-based lines of `original` whose comments were dropped
};

// For YAML, `style` is how `base` and `edited` were written: a one-line flow collection in
// `original` ("ErrorEquals: [States.ALL]") then matches the block lines that stand for it.
LineMergeResult mergeLines(const QList<QByteArray> &original, const QList<QByteArray> &base,
                           const QList<QByteArray> &edited, LineSyntax syntax,
                           const YamlWriteOptions &style = {});

// Index pairs (i, j) of a longest common subsequence of `a` and `b`, ascending; empty entries never
// match. Gives up on matching the middle of very different inputs (the result is then shorter).
QList<QPair<int, int>> commonLines(const QList<QByteArray> &a, const QList<QByteArray> &b);

// A YAML line reduced to what it means for matching: no comment, no trailing blanks, quoted
// one-line scalars re-quoted the way writeYaml() would. Empty for blank and comment-only lines.
// `hasComment` tells whether a comment was removed.
QByteArray normalizeYamlLine(const QByteArray &line, bool *hasComment = nullptr);

} // namespace sw::formats
