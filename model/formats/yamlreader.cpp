#include "yaml.h"

#include "textindex.h"

#include <yaml-cpp/yaml.h>

#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <charconv>
#include <cmath>

namespace sw::formats {

namespace {

constexpr int kMaxDepth = 1000;

const QString kCoreTag = QStringLiteral("tag:yaml.org,2002:");

// QString::fromStdString drops a leading U+FEFF, which is text inside a scalar.
QString text(const std::string &s)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(s.data(), qsizetype(s.size())));
}

// YAML 1.2 core schema patterns (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
bool isNullSpelling(const QString &s)
{
    return s.isEmpty() || s == QLatin1String("~") || s == QLatin1String("null") ||
           s == QLatin1String("Null") || s == QLatin1String("NULL");
}

int boolSpelling(const QString &s) // 1 true, 0 false, -1 neither
{
    if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE")) return 1;
    if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE")) return 0;
    return -1;
}

const QRegularExpression &decimalIntPattern()
{
    static const QRegularExpression re(QStringLiteral("^[-+]?[0-9]+$"));
    return re;
}
const QRegularExpression &floatPattern()
{
    static const QRegularExpression re(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    return re;
}
const QRegularExpression &jsonNumberPattern()
{
    static const QRegularExpression re(QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    return re;
}

bool isInfOrNan(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^([-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$"));
    return re.match(s).hasMatch();
}

// A number the way JsonReader stores it when the YAML spelling is also JSON (so JSON -> YAML ->
// JSON keeps "2.50"); YAML-only spellings (0x1F, +1, .5, 007) become plain values.
bool parseNumber(const QString &s, Json *out)
{
    const QByteArray latin = s.toLatin1();
    const char *b = latin.constData();
    const char *e = b + latin.size();
    if (s.startsWith(QLatin1String("0x")) || s.startsWith(QLatin1String("0o"))) {
        qint64 v = 0;
        const auto r = std::from_chars(b + 2, e, v, s.at(1) == QLatin1Char('x') ? 16 : 8);
        if (r.ec != std::errc() || r.ptr != e || latin.size() < 3) return false;
        *out = Json(v);
        return true;
    }
    const bool jsonSpelled = jsonNumberPattern().match(s).hasMatch();
    if (decimalIntPattern().match(s).hasMatch()) {
        qint64 v = 0;
        const char *start = (*b == '+') ? b + 1 : b;
        const auto r = std::from_chars(start, e, v);
        if (r.ec == std::errc() && r.ptr == e && !(v == 0 && *b == '-')) {
            *out = Json(v);
            return true;
        }
    } else if (!floatPattern().match(s).hasMatch()) {
        return false;
    }
    const double d = std::strtod(latin.constData(), nullptr);
    *out = jsonSpelled ? Json::numberWithSpelling(d, s) : Json(d);
    return true;
}

// CloudFormation's short-form tags and the long-form keys they stand for.
QString intrinsicKey(const QString &tag)
{
    static const QSet<QString> fns = {
        QStringLiteral("Base64"),  QStringLiteral("Cidr"),         QStringLiteral("FindInMap"),
        QStringLiteral("GetAtt"),  QStringLiteral("GetAZs"),       QStringLiteral("ImportValue"),
        QStringLiteral("Join"),    QStringLiteral("Select"),       QStringLiteral("Split"),
        QStringLiteral("Sub"),     QStringLiteral("Transform"),    QStringLiteral("And"),
        QStringLiteral("Equals"),  QStringLiteral("If"),           QStringLiteral("Not"),
        QStringLiteral("Or"),      QStringLiteral("ToJsonString"), QStringLiteral("Length"),
        QStringLiteral("ForEach"),
    };
    const QString name = tag.mid(1);
    if (name == QLatin1String("Ref") || name == QLatin1String("Condition")) return name;
    if (fns.contains(name)) return QStringLiteral("Fn::") + name;
    return {};
}

class Converter
{
public:
    Converter(const QByteArray &text, const YamlReadOptions &options) : m_index(text), m_options(options) {}

    bool convert(const YAML::Node &node, Json *out, int depth);
    SourcePos pos(const YAML::Node &node) const { return pos(node.Mark()); }
    SourcePos pos(const YAML::Mark &m) const
    {
        if (m.pos >= 0) return m_index.position(m.pos);
        return m.line >= 0 ? SourcePos{m.line + 1, m.column + 1} : SourcePos{};
    }

    QString error;
    SourcePos errorPos;
    QStringList warnings;

private:
    bool fail(const YAML::Node &node, const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
            errorPos = pos(node);
        }
        return false;
    }
    void warnOnce(const QString &w)
    {
        if (!warnings.contains(w)) warnings.append(w);
    }
    bool scalar(const YAML::Node &node, Json *out);
    bool mapping(const YAML::Node &node, Json *out, int depth);
    bool sequence(const YAML::Node &node, Json *out, int depth);
    bool intrinsic(const YAML::Node &node, const QString &key, Json *out, int depth);
    void noteAlias(const YAML::Node &node);

    TextIndex m_index;
    YamlReadOptions m_options;
    QSet<qint64> m_seen; // start offsets of converted nodes: a repeat is an alias
};

void Converter::noteAlias(const YAML::Node &node)
{
    if (node.IsNull() || node.Mark().pos < 0) return;
    if (m_seen.contains(node.Mark().pos))
        warnOnce(QStringLiteral(
            "anchors and aliases (&name, *name) are expanded: each alias is written out in full"));
    else
        m_seen.insert(node.Mark().pos);
}

bool Converter::convert(const YAML::Node &node, Json *out, int depth)
{
    if (depth > kMaxDepth)
        return fail(node, QStringLiteral("the document nests deeper than %1 levels").arg(kMaxDepth));
    const QString tag = QString::fromStdString(node.Tag());
    if (tag.startsWith(QLatin1Char('!')) && tag.size() > 1) {
        const QString key = intrinsicKey(tag);
        if (!m_options.cloudFormationTags || key.isEmpty()) {
            return fail(
                node, m_options.cloudFormationTags
                          ? QStringLiteral("unknown CloudFormation tag %1").arg(tag)
                          : QStringLiteral("unsupported YAML tag %1 (CloudFormation short forms are read in "
                                           "templates only)")
                                .arg(tag));
        }
        return intrinsic(node, key, out, depth);
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        *out = Json(nullptr);
        return true;
    case YAML::NodeType::Scalar:
        return scalar(node, out);
    case YAML::NodeType::Sequence:
        return sequence(node, out, depth);
    case YAML::NodeType::Map:
        return mapping(node, out, depth);
    }
    return fail(node, QStringLiteral("unexpected YAML node"));
}

bool Converter::scalar(const YAML::Node &node, Json *out)
{
    const QString tag = QString::fromStdString(node.Tag());
    const QString s = text(node.Scalar());
    if (tag == QLatin1String("!") || tag == kCoreTag + QLatin1String("str")) {
        *out = Json(s);
        return true;
    }
    const bool plain = tag == QLatin1String("?") || tag.isEmpty();
    if (plain || tag == kCoreTag + QLatin1String("null")) {
        if (isNullSpelling(s)) {
            *out = Json(nullptr);
            return true;
        }
    }
    if (plain || tag == kCoreTag + QLatin1String("bool")) {
        if (const int b = boolSpelling(s); b >= 0) {
            *out = Json(b == 1);
            return true;
        }
    }
    if (plain || tag == kCoreTag + QLatin1String("int") || tag == kCoreTag + QLatin1String("float")) {
        if (isInfOrNan(s)) return fail(node, QStringLiteral("%1 has no JSON equivalent").arg(s));
        if (parseNumber(s, out)) return true;
    }
    if (!plain) return fail(node, QStringLiteral("'%1' is not a valid %2").arg(s, tag.mid(kCoreTag.size())));
    *out = Json(s);
    return true;
}

bool Converter::mapping(const YAML::Node &node, Json *out, int depth)
{
    Json obj = Json::object();
    QList<YAML::Node> merges;
    QHash<QString, SourcePos> keys;
    for (const auto &kv : node) {
        const YAML::Node &k = kv.first;
        const YAML::Node &v = kv.second;
        if (!k.IsScalar() && !k.IsNull())
            return fail(k, QStringLiteral("a mapping key must be a scalar, not a %1")
                               .arg(k.IsMap() ? QStringLiteral("mapping") : QStringLiteral("sequence")));
        const QString tag = QString::fromStdString(k.Tag());
        const QString key = k.IsNull() ? QString() : text(k.Scalar());
        if (key == QLatin1String("<<") && tag == QLatin1String("?")) {
            merges.append(v);
            continue;
        }
        const SourcePos keyPos = pos(k);
        if (const auto it = keys.constFind(key); it != keys.constEnd()) {
            return fail(k, QStringLiteral("duplicate key '%1' (first at line %2, column %3)")
                               .arg(key)
                               .arg(it->line)
                               .arg(it->column));
        }
        keys.insert(key, keyPos);
        noteAlias(v);
        Json value;
        if (!convert(v, &value, depth + 1)) return false;
        SourcePos valuePos = v.IsNull() || v.Mark().pos < 0 ? keyPos : pos(v);
        obj.appendMember(key, value, keyPos, valuePos);
    }
    // Merge keys (<<): explicit keys win, earlier merged mappings win over later ones.
    for (const YAML::Node &m : merges) {
        QList<YAML::Node> sources;
        if (m.IsMap())
            sources.append(m);
        else if (m.IsSequence())
            for (const auto &item : m)
                sources.append(item);
        for (const YAML::Node &src : sources) {
            if (!src.IsMap())
                return fail(src, QStringLiteral("a merge key (<<) needs a mapping or a list of mappings"));
            Json merged;
            if (!convert(src, &merged, depth + 1)) return false;
            for (const JsonMember &mm : merged.members()) {
                if (!obj.contains(mm.key)) obj.appendMember(mm.key, mm.value, mm.keyPos, mm.valuePos);
            }
        }
        warnOnce(QStringLiteral("merge keys (<<) are expanded: the merged members are written out in full"));
    }
    *out = obj;
    return true;
}

bool Converter::sequence(const YAML::Node &node, Json *out, int depth)
{
    Json arr = Json::array();
    for (const auto &item : node) {
        noteAlias(item);
        Json v;
        if (!convert(item, &v, depth + 1)) return false;
        arr.appendWithPos(v, item.IsNull() && item.Mark().pos < 0 ? pos(node) : pos(item));
    }
    *out = arr;
    return true;
}

bool Converter::intrinsic(const YAML::Node &node, const QString &key, Json *out, int depth)
{
    Json arg;
    if (node.IsScalar()) {
        // Tagged scalars are not resolved by the core schema: "!Ref 5" names "5".
        const QString s = text(node.Scalar());
        if (key == QLatin1String("Fn::GetAtt")) {
            const qsizetype dot = s.indexOf(QLatin1Char('.'));
            if (dot <= 0)
                return fail(node, QStringLiteral("!GetAtt needs Resource.Attribute, not '%1'").arg(s));
            arg = Json::array({Json(s.left(dot)), Json(s.mid(dot + 1))});
        } else {
            arg = Json(s);
        }
    } else if (node.IsNull()) {
        arg = Json(QString());
    } else {
        // Convert the collection itself (its own tag is the intrinsic one).
        Json inner;
        if (node.IsSequence()) {
            if (!sequence(node, &inner, depth + 1)) return false;
        } else if (!mapping(node, &inner, depth + 1)) {
            return false;
        }
        arg = inner;
    }
    Json obj = Json::object();
    const SourcePos p = pos(node);
    obj.appendMember(key, arg, p, p);
    *out = obj;
    return true;
}

} // namespace

YamlReadResult readYaml(const QByteArray &utf8In, const YamlReadOptions &options)
{
    YamlReadResult r;
    QByteArray utf8 = utf8In;
    if (utf8.startsWith("\xEF\xBB\xBF")) utf8.remove(0, 3);
    Converter c(utf8, options);
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(utf8.toStdString());
        if (docs.empty()) {
            r.error = QStringLiteral("the text holds no YAML document");
            r.errorPos = {1, 1};
            return r;
        }
        if (docs.size() > 1) {
            r.error = QStringLiteral("the text holds %1 YAML documents: Stepwise reads one").arg(docs.size());
            r.errorPos = c.pos(docs.at(1));
            return r;
        }
        const YAML::Node &root = docs.front();
        if (!c.convert(root, &r.value, 0)) {
            r.error = c.error;
            r.errorPos = c.errorPos;
            return r;
        }
        if (root.Mark().pos >= 0) r.rootPos = c.pos(root);
    } catch (const YAML::Exception &e) {
        r.error = QString::fromStdString(e.msg);
        r.errorPos = c.pos(e.mark);
        if (!r.errorPos.isValid()) r.errorPos = {1, 1};
        return r;
    } catch (const std::exception &e) {
        r.error = QString::fromUtf8(e.what());
        r.errorPos = {1, 1};
        return r;
    }
    r.warnings = c.warnings;
    r.ok = true;
    return r;
}

bool sameDocument(const Json &a, const Json &b)
{
    if (a.type() != b.type()) return false;
    if (a.isArray()) {
        if (a.size() != b.size()) return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!sameDocument(a.at(i), b.at(i))) return false;
        }
        return true;
    }
    if (a.isObject()) {
        const auto &x = a.members();
        const auto &y = b.members();
        if (x.size() != y.size()) return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (x.at(i).key != y.at(i).key || !sameDocument(x.at(i).value, y.at(i).value)) return false;
        }
        return true;
    }
    return a == b;
}

} // namespace sw::formats
