#include "linemerge.h"

#include "textindex.h"
#include "yaml.h"

#include <QHash>
#include <QStringDecoder>

#include <vector>

namespace sw::formats {

namespace {

constexpr int kMaxEditDistance = 4000;

QByteArray keyOf(const QByteArray &line);

// Myers' O(ND) diff on integer ids; appends matches (offset by ai, bi) in ascending order.
void myers(const std::vector<int> &a, const std::vector<int> &b, int ai, int bi, QList<QPair<int, int>> *out)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = std::min(n + m, kMaxEditDistance);
    const int offset = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                        ? v[size_t(offset + k + 1)]
                        : v[size_t(offset + k - 1)] + 1;
            int y = x - k;
            while (x < n && y < m && a[size_t(x)] == b[size_t(y)]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) return; // too different: no matches in the middle
    // Walk back through the saved frontiers collecting the diagonal (matching) moves.
    QList<QPair<int, int>> rev;
    int x = n;
    int y = m;
    for (int d = found; d >= 0; --d) {
        const std::vector<int> &vd = trace[size_t(d)]; // frontier before step d, indices k + d
        auto at = [&](int k) { return vd[size_t(k + d)]; };
        const int k = x - y;
        int prevK = k;
        if (d > 0) prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const int prevX = d > 0 ? at(prevK) : 0;
        const int prevY = prevX - prevK;
        const int startX = d > 0 ? (prevK == k + 1 ? prevX : prevX + 1) : 0;
        while (x > startX && y > (startX - k)) {
            --x;
            --y;
            rev.append({ai + x, bi + y});
        }
        x = prevX;
        y = prevY;
    }
    for (auto it = rev.crbegin(); it != rev.crend(); ++it)
        out->append(*it);
}

bool isBlankOrComment(const QByteArray &line, LineSyntax syntax)
{
    const QByteArray t = line.trimmed();
    return t.isEmpty() || (syntax == LineSyntax::Yaml && t.startsWith('#'));
}

// Decodes a one-line quoted YAML scalar starting at s[0]; returns its end (index after the closing
// quote) or -1.
qsizetype decodeQuoted(const QByteArray &s, QString *value)
{
    const char q = s.at(0);
    QByteArray raw;
    qsizetype i = 1;
    for (; i < s.size(); ++i) {
        const char c = s.at(i);
        if (q == '\'') {
            if (c == '\'') {
                if (i + 1 < s.size() && s.at(i + 1) == '\'') {
                    raw.append('\'');
                    ++i;
                    continue;
                }
                *value =
                    QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom).decode(raw);
                return i + 1;
            }
            raw.append(c);
            continue;
        }
        if (c == '"') {
            *value =
                QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom).decode(raw);
            return i + 1;
        }
        if (c != '\\') {
            raw.append(c);
            continue;
        }
        if (++i >= s.size()) return -1;
        switch (s.at(i)) {
        case 'n':
            raw.append('\n');
            break;
        case 't':
            raw.append('\t');
            break;
        case 'r':
            raw.append('\r');
            break;
        case '0':
            raw.append('\0');
            break;
        case '"':
            raw.append('"');
            break;
        case '\\':
            raw.append('\\');
            break;
        case '/':
            raw.append('/');
            break;
        case ' ':
            raw.append(' ');
            break;
        case 'x':
        case 'u':
        case 'U': {
            const int len = s.at(i) == 'x' ? 2 : s.at(i) == 'u' ? 4 : 8;
            bool ok = false;
            const char32_t cp = char32_t(s.mid(i + 1, len).toUInt(&ok, 16));
            if (!ok || i + len >= s.size()) return -1;
            raw.append(QString::fromUcs4(&cp, 1).toUtf8());
            i += len;
            break;
        }
        default:
            return -1;
        }
    }
    return -1;
}

// Where a comment starts (a '#' at the start or after a blank, outside a quoted scalar), or -1.
qsizetype commentStart(const QByteArray &line)
{
    char quote = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (quote) {
            if (quote == '"' && c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        const char prev = i > 0 ? line.at(i - 1) : ' ';
        if (c == '#' && (prev == ' ' || prev == '\t')) return i;
        // A quote opens a scalar only where a token starts ("key: 'x'", "- 'x'", "['x'").
        if ((c == '\'' || c == '"') && (prev == ' ' || prev == '[' || prev == '{' || prev == ',' || i == 0))
            quote = c;
    }
    return -1;
}

// "  Seconds:" of "  Seconds: 10 # ten": the indentation, markers and key of a normalised line.
QByteArray keyOf(const QByteArray &line)
{
    const QByteArray n = normalizeYamlLine(line);
    const qsizetype colon = n.indexOf(": ");
    return colon > 0 ? n.left(colon + 1) : QByteArray();
}

} // namespace

QList<QPair<int, int>> commonLines(const QList<QByteArray> &a, const QList<QByteArray> &b)
{
    QHash<QByteArray, int> ids;
    int unique = -1;
    auto idOf = [&](const QByteArray &s) {
        if (s.isEmpty()) return unique--;
        return int(ids.insert(s, ids.value(s, int(ids.size()))).value());
    };
    std::vector<int> x, y;
    x.reserve(size_t(a.size()));
    y.reserve(size_t(b.size()));
    for (const QByteArray &s : a)
        x.push_back(idOf(s));
    for (const QByteArray &s : b)
        y.push_back(idOf(s));

    QList<QPair<int, int>> out;
    int pre = 0;
    while (pre < int(x.size()) && pre < int(y.size()) && x[size_t(pre)] == y[size_t(pre)]) {
        out.append({pre, pre});
        ++pre;
    }
    int suf = 0;
    while (suf < int(x.size()) - pre && suf < int(y.size()) - pre &&
           x[x.size() - 1 - size_t(suf)] == y[y.size() - 1 - size_t(suf)])
        ++suf;
    const std::vector<int> mx(x.begin() + pre, x.end() - suf);
    const std::vector<int> my(y.begin() + pre, y.end() - suf);
    myers(mx, my, pre, pre, &out);
    for (int s = suf; s > 0; --s)
        out.append({int(x.size()) - s, int(y.size()) - s});
    return out;
}

QByteArray normalizeYamlLine(const QByteArray &line, bool *hasComment)
{
    QByteArray s = line;
    const qsizetype c = commentStart(s);
    if (hasComment) *hasComment = c >= 0;
    if (c >= 0) s.truncate(c);
    while (!s.isEmpty() && (s.endsWith(' ') || s.endsWith('\t') || s.endsWith('\r')))
        s.chop(1);
    if (s.trimmed().isEmpty()) return {};
    // indentation and "- " markers
    qsizetype i = 0;
    while (i < s.size() && s.at(i) == ' ')
        ++i;
    while (i + 1 < s.size() && s.at(i) == '-' && s.at(i + 1) == ' ') {
        i += 2;
        while (i < s.size() && s.at(i) == ' ')
            ++i;
    }
    QByteArray out = s.left(i);
    QByteArray rest = s.mid(i);
    // a quoted key
    if (rest.startsWith('\'') || rest.startsWith('"')) {
        QString key;
        const qsizetype end = decodeQuoted(rest, &key);
        if (end > 0 && end < rest.size() && rest.at(end) == ':' &&
            (end + 1 == rest.size() || rest.at(end + 1) == ' ')) {
            out.append(yamlScalar(key));
            rest = rest.mid(end);
        } else if (end == rest.size() && !key.contains(QLatin1Char('\n'))) {
            out.append(yamlScalar(key)); // a quoted sequence item
            return out;
        }
    } else {
        const qsizetype colon = rest.indexOf(": ");
        if (colon > 0) {
            out.append(rest.left(colon));
            rest = rest.mid(colon);
        }
    }
    // a quoted value after "key: "
    if (rest.startsWith(": ")) {
        QByteArray value = rest.mid(2);
        while (value.startsWith(' '))
            value.remove(0, 1);
        QString v;
        if ((value.startsWith('\'') || value.startsWith('"')) && decodeQuoted(value, &v) == value.size() &&
            !v.contains(QLatin1Char('\n'))) {
            out.append(": ");
            out.append(yamlScalar(v));
            return out;
        }
    }
    out.append(rest);
    return out;
}

namespace {

// The canonical lines an original line stands for: one normalised line, several for a one-line
// flow collection (written the way writeYaml() would), none for blank and comment lines.
QList<QByteArray> canonicalLines(const QByteArray &line, LineSyntax syntax, const YamlWriteOptions &style)
{
    if (syntax == LineSyntax::Json) {
        QByteArray t = line;
        while (!t.isEmpty() && (t.endsWith(' ') || t.endsWith('\t') || t.endsWith('\r')))
            t.chop(1);
        return t.trimmed().isEmpty() ? QList<QByteArray>{} : QList<QByteArray>{t};
    }
    const QByteArray n = normalizeYamlLine(line);
    if (n.isEmpty()) return {};
    // indentation and sequence markers, then "key: {...}" / "key: [...]" / "{...}" / "[...]"
    qsizetype i = 0;
    while (i < n.size() && n.at(i) == ' ')
        ++i;
    while (i + 1 < n.size() && n.at(i) == '-' && n.at(i + 1) == ' ')
        i += 2;
    const QByteArray prefix = n.left(i);
    const QByteArray rest = n.mid(i);
    const qsizetype colon = rest.indexOf(": ");
    const QByteArray value = colon > 0 ? rest.mid(colon + 2).trimmed() : rest;
    const bool flow =
        (value.startsWith('{') && value.endsWith('}')) || (value.startsWith('[') && value.endsWith(']'));
    if (!flow || value.size() <= 2) return {n};
    const YamlReadResult r = readYaml(rest);
    if (!r.ok) return {n};
    QList<QByteArray> out = splitLines(writeYaml(r.value, style));
    if (out.size() <= 1) return {n};
    for (qsizetype k = 0; k < out.size(); ++k)
        out[k].prepend(k == 0 ? prefix : QByteArray(prefix.size(), ' '));
    return out;
}

} // namespace

LineMergeResult mergeLines(const QList<QByteArray> &original, const QList<QByteArray> &base,
                           const QList<QByteArray> &edited, LineSyntax syntax, const YamlWriteOptions &style)
{
    // Each original line is a unit of zero or more canonical lines; alignment runs on those.
    QList<QByteArray> canonical;
    QList<int> owner; // canonical line -> original line
    QList<int> firstCanonical(original.size() + 1, 0);
    for (qsizetype i = 0; i < original.size(); ++i) {
        firstCanonical[i] = int(canonical.size());
        for (const QByteArray &c : canonicalLines(original.at(i), syntax, style)) {
            canonical.append(c);
            owner.append(int(i));
        }
    }
    firstCanonical[original.size()] = int(canonical.size());
    QList<QByteArray> normB;
    for (const QByteArray &l : base) {
        const QList<QByteArray> c = canonicalLines(l, syntax, style);
        normB.append(c.size() == 1                ? c.first()
                     : syntax == LineSyntax::Json ? QByteArray()
                                                  : normalizeYamlLine(l));
    }
    QHash<int, int> canonicalToBase;
    for (const auto &p : commonLines(canonical, normB))
        canonicalToBase.insert(p.first, p.second);

    QList<QByteArray> baseKeys = base, editedKeys = edited;
    for (QByteArray &l : baseKeys)
        if (l.isEmpty()) l = " "; // blank lines must match each other here
    for (QByteArray &l : editedKeys)
        if (l.isEmpty()) l = " ";
    QHash<int, int> baseToEdited;
    for (const auto &p : commonLines(baseKeys, editedKeys))
        baseToEdited.insert(p.first, p.second);

    // An original line anchors when all its canonical lines match consecutive base lines that are
    // unchanged (consecutively) in the edited text.
    struct Anchor
    {
        int o, b0, b1, e0, e1;
    };
    QList<Anchor> anchors{{-1, -1, -1, -1, -1}};
    for (qsizetype i = 0; i < original.size(); ++i) {
        const int c0 = firstCanonical[i];
        const int c1 = firstCanonical[i + 1];
        if (c0 == c1) continue;
        bool ok = true;
        int b0 = -1, e0 = -1;
        for (int c = c0; c < c1 && ok; ++c) {
            const auto b = canonicalToBase.constFind(c);
            const auto e =
                b == canonicalToBase.constEnd() ? baseToEdited.constEnd() : baseToEdited.constFind(*b);
            ok = b != canonicalToBase.constEnd() && e != baseToEdited.constEnd() &&
                 (c == c0 || (*b == b0 + (c - c0) && *e == e0 + (c - c0)));
            if (ok && c == c0) {
                b0 = *b;
                e0 = *e;
            }
        }
        if (ok && b0 > anchors.last().b1 && e0 > anchors.last().e1)
            anchors.append({int(i), b0, b0 + (c1 - c0) - 1, e0, e0 + (c1 - c0) - 1});
    }
    anchors.append(
        {int(original.size()), int(base.size()), int(base.size()), int(edited.size()), int(edited.size())});

    LineMergeResult r;
    for (qsizetype a = 0; a + 1 < anchors.size(); ++a) {
        const Anchor &from = anchors.at(a);
        const Anchor &to = anchors.at(a + 1);
        if (from.o >= 0) r.lines.append(original.at(from.o));
        const QList<QByteArray> gapB = base.mid(from.b1 + 1, to.b0 - from.b1 - 1);
        const QList<QByteArray> gapE = edited.mid(from.e1 + 1, to.e0 - from.e1 - 1);
        if (gapB == gapE) {
            r.lines.append(original.mid(from.o + 1, to.o - from.o - 1));
            continue;
        }
        ++r.replacedRegions;
        int lead = from.o + 1;
        while (lead < to.o && isBlankOrComment(original.at(lead), syntax))
            ++lead;
        int trail = to.o;
        while (trail > lead && isBlankOrComment(original.at(trail - 1), syntax))
            --trail;
        r.lines.append(original.mid(from.o + 1, lead - from.o - 1));
        // Line for line replacements (a value changed) keep the trailing comment of their key.
        const bool pairwise = syntax == LineSyntax::Yaml && trail - lead == gapE.size();
        for (int i = lead; i < trail; ++i) {
            bool comment = false;
            if (syntax == LineSyntax::Yaml) normalizeYamlLine(original.at(i), &comment);
            QByteArray replacement = pairwise ? gapE.at(i - lead) : QByteArray();
            if (comment && pairwise && !isBlankOrComment(original.at(i), syntax) &&
                keyOf(original.at(i)) == keyOf(replacement) && !keyOf(replacement).isEmpty()) {
                qsizetype c = commentStart(original.at(i));
                while (c > 0 && (original.at(i).at(c - 1) == ' ' || original.at(i).at(c - 1) == '\t'))
                    --c;
                replacement.append(original.at(i).mid(c));
                comment = false;
            }
            if (pairwise) r.lines.append(replacement);
            if (comment) r.lostCommentLines.append(i + 1);
        }
        if (!pairwise) r.lines.append(gapE);
        r.lines.append(original.mid(trail, to.o - trail));
    }
    return r;
}

} // namespace sw::formats
