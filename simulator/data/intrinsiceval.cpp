#include "intrinsiceval.h"

#include "jsonpatheval.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QCryptographicHash>
#include <QHash>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sw::sim {

using expr::IntrinsicArg;
using expr::IntrinsicCall;
using expr::IntrinsicFunction;

namespace {

// AWS's documented limits.
constexpr qsizetype MaxEncodeInput = 10000;   // Base64Encode/Base64Decode/Hash input characters
constexpr qsizetype MaxRangeItems = 1000;     // ArrayRange result size
constexpr qint64 MinMathValue = -2147483648LL; // MathAdd/MathRandom operands (Java int)
constexpr qint64 MaxMathValue = 2147483647LL;

Failure intrinsicFailure(const QString &cause)
{
    return Failure{QStringLiteral("States.IntrinsicFailure"), cause, true};
}

QString describe(const Json &v)
{
    return v.isUndefined() ? QStringLiteral("undefined") : JsonWriter::compactString(v);
}

// Java's Math.round: the nearest integer, halves rounded up (towards positive infinity).
qint64 javaRound(double d)
{
    return qint64(std::floor(d + 0.5));
}

// A number rounded as AWS rounds non-integer arguments, or nullopt for a non-number.
std::optional<qint64> roundedInteger(const Json &v)
{
    if (!v.isNumber())
        return std::nullopt;
    if (v.isIntegerStorage())
        return v.toInteger();
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::fabs(d) > 9.0e18)
        return std::nullopt;
    return javaRound(d);
}

std::optional<qint64> exactInteger(const Json &v)
{
    if (!v.isNumber() || !v.isIntegral())
        return std::nullopt;
    return v.toInteger();
}

// java.util.Random, so that States.MathRandom with a seed is a pure function of its seed.
class JavaRandom
{
public:
    explicit JavaRandom(qint64 seed) : m_seed((quint64(seed) ^ 0x5DEECE66DULL) & Mask) {}

    qint32 nextInt(qint32 bound)
    {
        if ((bound & -bound) == bound)
            return qint32((qint64(bound) * qint64(next(31))) >> 31);
        qint32 bits = 0;
        qint32 val = 0;
        do {
            bits = next(31);
            val = bits % bound;
        } while (bits - val + (bound - 1) < 0);
        return val;
    }

private:
    static constexpr quint64 Mask = (1ULL << 48) - 1;
    qint32 next(int bits)
    {
        m_seed = (m_seed * 0x5DEECE66DULL + 0xBULL) & Mask;
        return qint32(qint64(m_seed >> (48 - bits)));
    }
    quint64 m_seed;
};

class Evaluator
{
public:
    Evaluator(const Json &data, const EvalContext &ctx, QStringView field) : m_data(data), m_ctx(ctx), m_field(field) {}

    JsonOutcome call(const IntrinsicCall &c)
    {
        QList<Json> args;
        args.reserve(c.args.size());
        for (const auto &a : c.args) {
            JsonOutcome v = argument(a);
            if (v.failed())
                return v;
            args.append(v.value());
        }
        switch (c.function) {
        case IntrinsicFunction::Format: return format(c, args);
        case IntrinsicFunction::StringToJson: return stringToJson(args[0]);
        case IntrinsicFunction::JsonToString: return Json(JsonWriter::compactString(args[0]));
        case IntrinsicFunction::Array: return Json::array(args);
        case IntrinsicFunction::ArrayPartition: return arrayPartition(args);
        case IntrinsicFunction::ArrayContains: return arrayContains(args);
        case IntrinsicFunction::ArrayRange: return arrayRange(args);
        case IntrinsicFunction::ArrayGetItem: return arrayGetItem(args);
        case IntrinsicFunction::ArrayLength:
            if (!args[0].isArray())
                return intrinsicFailure(QStringLiteral("States.ArrayLength expects an array as its argument, but got %1.").arg(describe(args[0])));
            return Json(qint64(args[0].size()));
        case IntrinsicFunction::ArrayUnique: return arrayUnique(args[0]);
        case IntrinsicFunction::Base64Encode: return base64Encode(args[0]);
        case IntrinsicFunction::Base64Decode: return base64Decode(args[0]);
        case IntrinsicFunction::Hash: return hash(args);
        case IntrinsicFunction::JsonMerge: return jsonMerge(args);
        case IntrinsicFunction::MathRandom: return mathRandom(args);
        case IntrinsicFunction::MathAdd: return mathAdd(args);
        case IntrinsicFunction::StringSplit: return stringSplit(args);
        case IntrinsicFunction::UUID: return uuid();
        }
        return intrinsicFailure(QStringLiteral("Unsupported intrinsic function %1").arg(c.name));
    }

private:
    JsonOutcome argument(const IntrinsicArg &a)
    {
        switch (a.kind) {
        case IntrinsicArg::Kind::Literal:
            return a.literal;
        case IntrinsicArg::Kind::Path: {
            const PathValue v = evaluatePath(*a.path, m_data, m_ctx);
            if (!v.found())
                return jsonPathNotFound(a.path->text(), m_field, m_data);
            return v.value;
        }
        case IntrinsicArg::Kind::Call:
            return call(*a.call);
        }
        return Json();
    }

    JsonOutcome format(const IntrinsicCall &c, const QList<Json> &args)
    {
        QStringList pieces;
        const IntrinsicArg &first = c.args.front();
        if (first.kind == IntrinsicArg::Kind::Literal && first.literal.isString()) {
            pieces = first.formatPieces;
        } else if (args[0].isString()) {
            // A template read from the data: every {} is a placeholder (nothing can be escaped there).
            pieces = args[0].toString().split(QStringLiteral("{}"));
        } else {
            return intrinsicFailure(QStringLiteral("The first argument of States.Format must be a string, but got %1.").arg(describe(args[0])));
        }
        const qsizetype placeholders = pieces.size() - 1;
        if (placeholders != args.size() - 1)
            return intrinsicFailure(QStringLiteral("States.Format has %1 placeholder(s) {} but %2 value argument(s).")
                                        .arg(placeholders)
                                        .arg(args.size() - 1));
        QString out = pieces.front();
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            out += javaToString(args[i]);
            out += pieces[i];
        }
        return Json(out);
    }

    JsonOutcome stringToJson(const Json &s)
    {
        if (!s.isString())
            return intrinsicFailure(QStringLiteral("States.StringToJson expects a string as its argument, but got %1.").arg(describe(s)));
        const QString text = s.toString();
        // Jackson reads a blank document as "no value", which AWS returns as null.
        if (text.trimmed().isEmpty())
            return Json(nullptr);
        const auto parsed = JsonReader::parse(text.toUtf8());
        if (!parsed.ok)
            return intrinsicFailure(QStringLiteral("States.StringToJson could not parse '%1' as JSON: %2").arg(text, parsed.error));
        return parsed.value;
    }

    JsonOutcome arrayPartition(const QList<Json> &args)
    {
        if (!args[0].isArray())
            return intrinsicFailure(QStringLiteral("States.ArrayPartition expects an array as its first argument, but got %1.").arg(describe(args[0])));
        const auto size = roundedInteger(args[1]);
        if (!size || *size <= 0)
            return intrinsicFailure(QStringLiteral("States.ArrayPartition expects a positive integer chunk size, but got %1.").arg(describe(args[1])));
        Json out = Json::array();
        const auto &items = args[0].items();
        for (qsizetype i = 0; i < items.size(); i += qsizetype(*size))
            out.append(Json::array(items.mid(i, qsizetype(qMin<qint64>(*size, items.size() - i)))));
        return out;
    }

    JsonOutcome arrayContains(const QList<Json> &args)
    {
        if (!args[0].isArray())
            return intrinsicFailure(QStringLiteral("States.ArrayContains expects an array as its first argument, but got %1.").arg(describe(args[0])));
        for (const auto &item : args[0].items()) {
            if (item == args[1])
                return Json(true);
        }
        return Json(false);
    }

    JsonOutcome arrayRange(const QList<Json> &args)
    {
        const auto start = exactInteger(args[0]);
        const auto end = exactInteger(args[1]);
        const auto step = exactInteger(args[2]);
        if (!start || !end || !step)
            return intrinsicFailure(QStringLiteral("States.ArrayRange expects integer arguments, but got %1, %2, %3.")
                                        .arg(describe(args[0]), describe(args[1]), describe(args[2])));
        if (*step == 0)
            return intrinsicFailure(QStringLiteral("States.ArrayRange expects a non-zero step."));
        qint64 count = 0;
        if ((*step > 0 && *start <= *end) || (*step < 0 && *start >= *end))
            count = (*end - *start) / *step + 1;
        if (count > MaxRangeItems)
            return intrinsicFailure(QStringLiteral("States.ArrayRange cannot create an array with more than %1 items (requested %2).")
                                        .arg(MaxRangeItems)
                                        .arg(count));
        QList<Json> items;
        items.reserve(count);
        for (qint64 i = 0; i < count; ++i)
            items.append(Json(*start + i * *step));
        return Json::array(items);
    }

    JsonOutcome arrayGetItem(const QList<Json> &args)
    {
        if (!args[0].isArray())
            return intrinsicFailure(QStringLiteral("States.ArrayGetItem expects an array as its first argument, but got %1.").arg(describe(args[0])));
        const auto index = exactInteger(args[1]);
        if (!index || *index < 0)
            return intrinsicFailure(QStringLiteral("States.ArrayGetItem expects a non-negative integer index, but got %1.").arg(describe(args[1])));
        if (*index >= args[0].size())
            return intrinsicFailure(QStringLiteral("States.ArrayGetItem index %1 is out of bounds for an array of length %2.")
                                        .arg(*index)
                                        .arg(args[0].size()));
        return args[0].at(*index);
    }

    JsonOutcome arrayUnique(const Json &array)
    {
        if (!array.isArray())
            return intrinsicFailure(QStringLiteral("States.ArrayUnique expects an array as its argument, but got %1.").arg(describe(array)));
        QList<Json> unique;
        for (const auto &item : array.items()) {
            bool seen = false;
            for (const auto &u : unique) {
                if (u == item) {
                    seen = true;
                    break;
                }
            }
            if (!seen)
                unique.append(item);
        }
        return Json::array(unique);
    }

    JsonOutcome base64Encode(const Json &v)
    {
        if (!v.isString())
            return intrinsicFailure(QStringLiteral("States.Base64Encode expects a string as its argument, but got %1.").arg(describe(v)));
        if (v.toString().size() > MaxEncodeInput)
            return intrinsicFailure(QStringLiteral("States.Base64Encode input cannot exceed %1 characters.").arg(MaxEncodeInput));
        return Json(QString::fromLatin1(v.toString().toUtf8().toBase64()));
    }

    JsonOutcome base64Decode(const Json &v)
    {
        if (!v.isString())
            return intrinsicFailure(QStringLiteral("States.Base64Decode expects a string as its argument, but got %1.").arg(describe(v)));
        if (v.toString().size() > MaxEncodeInput)
            return intrinsicFailure(QStringLiteral("States.Base64Decode input cannot exceed %1 characters.").arg(MaxEncodeInput));
        const auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return intrinsicFailure(QStringLiteral("States.Base64Decode could not decode '%1': it is not valid Base64.").arg(v.toString()));
        return Json(QString::fromUtf8(*decoded));
    }

    JsonOutcome hash(const QList<Json> &args)
    {
        if (!args[0].isString())
            return intrinsicFailure(QStringLiteral("States.Hash expects a string as the data to hash, but got %1.").arg(describe(args[0])));
        if (args[0].toString().size() > MaxEncodeInput)
            return intrinsicFailure(QStringLiteral("States.Hash input cannot exceed %1 characters.").arg(MaxEncodeInput));
        static const QHash<QString, QCryptographicHash::Algorithm> algorithms = {
            {QStringLiteral("MD5"), QCryptographicHash::Md5},
            {QStringLiteral("SHA-1"), QCryptographicHash::Sha1},
            {QStringLiteral("SHA-256"), QCryptographicHash::Sha256},
            {QStringLiteral("SHA-384"), QCryptographicHash::Sha384},
            {QStringLiteral("SHA-512"), QCryptographicHash::Sha512},
        };
        const auto it = args[1].isString() ? algorithms.constFind(args[1].toString()) : algorithms.constEnd();
        if (it == algorithms.constEnd())
            return intrinsicFailure(QStringLiteral("States.Hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but got %1.")
                                        .arg(describe(args[1])));
        const QByteArray digest = QCryptographicHash::hash(args[0].toString().toUtf8(), *it);
        return Json(QString::fromLatin1(digest.toHex()));
    }

    JsonOutcome jsonMerge(const QList<Json> &args)
    {
        if (!args[0].isObject() || !args[1].isObject())
            return intrinsicFailure(QStringLiteral("States.JsonMerge expects two JSON objects, but got %1 and %2.")
                                        .arg(describe(args[0]), describe(args[1])));
        if (!args[2].isBool())
            return intrinsicFailure(QStringLiteral("States.JsonMerge expects a boolean as its third argument, but got %1.").arg(describe(args[2])));
        if (args[2].toBool())
            return intrinsicFailure(QStringLiteral("States.JsonMerge supports only shallow merging: the third argument must be false."));
        Json merged = args[0];
        for (const auto &m : args[1].members())
            merged.insert(m.key, m.value);
        return merged;
    }

    JsonOutcome mathRandom(const QList<Json> &args)
    {
        const auto start = roundedInteger(args[0]);
        const auto end = roundedInteger(args[1]);
        if (!start || !end || *start < MinMathValue || *start > MaxMathValue || *end < MinMathValue || *end > MaxMathValue)
            return intrinsicFailure(QStringLiteral("States.MathRandom expects integer start and end values between %1 and %2, but got %3 and %4.")
                                        .arg(MinMathValue)
                                        .arg(MaxMathValue)
                                        .arg(describe(args[0]), describe(args[1])));
        if (*end <= *start)
            return intrinsicFailure(QStringLiteral("States.MathRandom expects the end value (%1) to be greater than the start value (%2).")
                                        .arg(*end)
                                        .arg(*start));
        const qint64 span = *end - *start;
        if (args.size() == 3) {
            const auto seed = roundedInteger(args[2]);
            if (!seed)
                return intrinsicFailure(QStringLiteral("States.MathRandom expects an integer seed, but got %1.").arg(describe(args[2])));
            if (span > MaxMathValue)
                return intrinsicFailure(QStringLiteral("States.MathRandom range from %1 to %2 is too large.").arg(*start).arg(*end));
            return Json(*start + JavaRandom(*seed).nextInt(qint32(span)));
        }
        RandomSource fallback(0);
        RandomSource &random = m_ctx.random ? *m_ctx.random : fallback;
        return Json(*start + qint64(std::floor(random.uniform() * double(span))));
    }

    JsonOutcome mathAdd(const QList<Json> &args)
    {
        const auto a = roundedInteger(args[0]);
        const auto b = roundedInteger(args[1]);
        if (!a || !b)
            return intrinsicFailure(QStringLiteral("States.MathAdd expects two numbers, but got %1 and %2.").arg(describe(args[0]), describe(args[1])));
        if (*a < MinMathValue || *a > MaxMathValue || *b < MinMathValue || *b > MaxMathValue)
            return intrinsicFailure(QStringLiteral("States.MathAdd values must be between %1 and %2, but got %3 and %4.")
                                        .arg(MinMathValue)
                                        .arg(MaxMathValue)
                                        .arg(describe(args[0]), describe(args[1])));
        return Json(*a + *b);
    }

    // AWS splits on every character of the delimiter and drops empty pieces (Java's StringTokenizer).
    JsonOutcome stringSplit(const QList<Json> &args)
    {
        if (!args[0].isString() || !args[1].isString())
            return intrinsicFailure(QStringLiteral("States.StringSplit expects two strings, but got %1 and %2.").arg(describe(args[0]), describe(args[1])));
        const QString s = args[0].toString();
        const QString delimiters = args[1].toString();
        QList<Json> parts;
        QString token;
        for (const QChar c : s) {
            if (delimiters.contains(c)) {
                if (!token.isEmpty())
                    parts.append(Json(token));
                token.clear();
            } else {
                token += c;
            }
        }
        if (!token.isEmpty())
            parts.append(Json(token));
        return Json::array(parts);
    }

    JsonOutcome uuid()
    {
        RandomSource fallback(0);
        RandomSource &random = m_ctx.random ? *m_ctx.random : fallback;
        QByteArray bytes(16, '\0');
        for (int half = 0; half < 2; ++half) {
            quint64 v = random.next();
            for (int i = 0; i < 8; ++i) {
                bytes[half * 8 + i] = char(v & 0xFF);
                v >>= 8;
            }
        }
        bytes[6] = char((uchar(bytes[6]) & 0x0F) | 0x40); // version 4
        bytes[8] = char((uchar(bytes[8]) & 0x3F) | 0x80); // RFC 4122 variant
        const QString hex = QString::fromLatin1(bytes.toHex());
        return Json(QStringLiteral("%1-%2-%3-%4-%5")
                         .arg(hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12)));
    }

    const Json &m_data;
    const EvalContext &m_ctx;
    QStringView m_field;
};

} // namespace

JsonOutcome evaluateIntrinsic(const IntrinsicCall &call, const Json &data, const EvalContext &ctx, QStringView fieldName)
{
    Evaluator e(data, ctx, fieldName);
    return e.call(call);
}

std::optional<IntrinsicCall> cachedIntrinsic(const QString &text, QString *error)
{
    struct Entry
    {
        std::optional<IntrinsicCall> call;
        QString error;
    };
    thread_local QHash<QString, Entry> cache;
    auto it = cache.constFind(text);
    if (it == cache.constEnd()) {
        if (cache.size() > 4096)
            cache.clear();
        Entry e;
        e.call = expr::parseIntrinsic(text, &e.error);
        it = cache.insert(text, e);
    }
    if (!it->call && error)
        *error = it->error;
    return it->call;
}

QString javaDoubleToString(double d)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == 0)
        return std::signbit(d) ? QStringLiteral("-0.0") : QStringLiteral("0.0");
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const auto e = sci.find('e');
    std::string digits = sci.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp = std::stoi(sci.substr(e + 1));
    std::string out = d < 0 ? "-" : "";
    const double mag = std::fabs(d);
    if (mag >= 1e-3 && mag < 1e7) {
        if (exp >= 0) {
            std::string intPart = digits.substr(0, std::min<size_t>(digits.size(), size_t(exp) + 1));
            intPart.append(size_t(exp) + 1 - intPart.size(), '0');
            std::string frac = digits.size() > size_t(exp) + 1 ? digits.substr(size_t(exp) + 1) : "0";
            out += intPart + "." + frac;
        } else {
            out += "0." + std::string(size_t(-exp - 1), '0') + digits;
        }
    } else {
        out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exp);
    }
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

QString javaToString(const Json &value)
{
    switch (value.type()) {
    case Json::Type::Undefined:
    case Json::Type::Null:
        return QStringLiteral("null");
    case Json::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Json::Type::Number:
        return value.isIntegerStorage() ? QString::number(value.toInteger()) : javaDoubleToString(value.toDouble());
    case Json::Type::String:
        return value.toString();
    case Json::Type::Array: {
        QStringList parts;
        for (const auto &item : value.items())
            parts.append(javaToString(item));
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Json::Type::Object: {
        QStringList parts;
        for (const auto &m : value.members())
            parts.append(m.key + QLatin1Char('=') + javaToString(m.value));
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

} // namespace sw::sim
