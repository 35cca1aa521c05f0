#include "json.h"

#include "jsonwriter.h"

#include <atomic>
#include <cmath>
#include <limits>

namespace sw {

namespace detail {
// The cached compact size of a shared value; reset whenever the owner mutates it.
struct SizeCache
{
    mutable std::atomic<qint64> bytes{-1};
    SizeCache() = default;
    SizeCache(const SizeCache &) {}
    SizeCache &operator=(const SizeCache &)
    {
        bytes.store(-1, std::memory_order_relaxed);
        return *this;
    }
};
struct StringHeap final : JsonHeap
{
    QString value;
    QString spelling;
    SizeCache size;
    JsonHeap *clone() const override { return new StringHeap(*this); }
};
struct NumberHeap final : JsonHeap
{
    QString spelling;
    JsonHeap *clone() const override { return new NumberHeap(*this); }
};
struct ArrayHeap final : JsonHeap
{
    QList<Json> items;
    QList<SourcePos> positions; // empty, or one per item
    SizeCache size;
    JsonHeap *clone() const override { return new ArrayHeap(*this); }
};
struct ObjectHeap final : JsonHeap
{
    QList<JsonMember> members;
    SizeCache size;
    JsonHeap *clone() const override { return new ObjectHeap(*this); }
};
} // namespace detail

using namespace detail;

namespace {
const QList<Json> &emptyItems()
{
    static const QList<Json> e;
    return e;
}
const QList<JsonMember> &emptyMembers()
{
    static const QList<JsonMember> e;
    return e;
}
const QString &emptyString()
{
    static const QString e;
    return e;
}
} // namespace

const Json &Json::undefinedRef()
{
    static const Json u;
    return u;
}

Json::Json(double d) : m_type(Type::Number)
{
    m_v.d = d;
}

Json::Json(const QString &s) : m_type(Type::String)
{
    auto *h = new StringHeap;
    h->value = s;
    m_heap = h;
}

Json::Json(std::initializer_list<std::pair<QString, Json>> members) : m_type(Type::Object)
{
    auto *h = new ObjectHeap;
    h->members.reserve(qsizetype(members.size()));
    for (const auto &[k, v] : members)
        h->members.append(JsonMember{k, v, {}, {}});
    m_heap = h;
}

Json Json::array(QList<Json> items)
{
    Json j;
    j.m_type = Type::Array;
    auto *h = new ArrayHeap;
    h->items = std::move(items);
    j.m_heap = h;
    return j;
}

Json Json::object()
{
    Json j;
    j.m_type = Type::Object;
    j.m_heap = new ObjectHeap;
    return j;
}

Json Json::numberWithSpelling(double d, const QString &spelling)
{
    Json j(d);
    if (!spelling.isEmpty()) {
        auto *h = new NumberHeap;
        h->spelling = spelling;
        j.m_heap = h;
    }
    return j;
}

Json Json::integerWithSpelling(qint64 i, const QString &spelling)
{
    Json j(i);
    if (!spelling.isEmpty()) {
        auto *h = new NumberHeap;
        h->spelling = spelling;
        j.m_heap = h;
    }
    return j;
}

Json Json::stringWithSpelling(const QString &s, const QString &spelling)
{
    Json j;
    j.m_type = Type::String;
    auto *h = new StringHeap;
    h->value = s;
    h->spelling = spelling;
    j.m_heap = h;
    return j;
}

bool Json::isIntegral() const
{
    if (m_type != Type::Number)
        return false;
    if (m_isInt)
        return true;
    return std::isfinite(m_v.d) && std::floor(m_v.d) == m_v.d;
}

double Json::toDouble(double def) const
{
    if (m_type != Type::Number)
        return def;
    return m_isInt ? double(m_v.i) : m_v.d;
}

qint64 Json::toInteger(qint64 def) const
{
    if (m_type != Type::Number)
        return def;
    if (m_isInt)
        return m_v.i;
    if (!std::isfinite(m_v.d))
        return def;
    if (m_v.d >= 9.2233720368547758e18)
        return std::numeric_limits<qint64>::max();
    if (m_v.d <= -9.2233720368547758e18)
        return std::numeric_limits<qint64>::min();
    return qint64(m_v.d);
}

QString Json::toString() const
{
    return stringRef();
}

const QString &Json::stringRef() const
{
    if (m_type != Type::String)
        return emptyString();
    return static_cast<const StringHeap *>(m_heap.data())->value;
}

QString Json::spelling() const
{
    if (!m_heap)
        return {};
    if (m_type == Type::String)
        return static_cast<const StringHeap *>(m_heap.data())->spelling;
    if (m_type == Type::Number)
        return static_cast<const NumberHeap *>(m_heap.data())->spelling;
    return {};
}

qsizetype Json::size() const
{
    if (m_type == Type::Array)
        return static_cast<const ArrayHeap *>(m_heap.data())->items.size();
    if (m_type == Type::Object)
        return static_cast<const ObjectHeap *>(m_heap.data())->members.size();
    return 0;
}

const Json &Json::at(qsizetype i) const
{
    if (m_type != Type::Array)
        return undefinedRef();
    const auto &items = static_cast<const ArrayHeap *>(m_heap.data())->items;
    if (i < 0 || i >= items.size())
        return undefinedRef();
    return items.at(i);
}

const QList<Json> &Json::items() const
{
    if (m_type != Type::Array)
        return emptyItems();
    return static_cast<const ArrayHeap *>(m_heap.data())->items;
}

void Json::detach()
{
    if (m_heap && m_heap->ref.loadRelaxed() > 1)
        m_heap = m_heap->clone();
    // Every caller of detach() is about to mutate: forget the cached size.
    if (m_type == Type::Array)
        static_cast<ArrayHeap *>(m_heap.data())->size.bytes.store(-1, std::memory_order_relaxed);
    else if (m_type == Type::Object)
        static_cast<ObjectHeap *>(m_heap.data())->size.bytes.store(-1, std::memory_order_relaxed);
}

void Json::append(const Json &v)
{
    if (m_type != Type::Array)
        return;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    h->items.append(v);
    if (!h->positions.isEmpty())
        h->positions.append(SourcePos{});
}

void Json::appendWithPos(const Json &v, SourcePos pos)
{
    if (m_type != Type::Array)
        return;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    if (h->positions.size() != h->items.size())
        h->positions.resize(h->items.size());
    h->items.append(v);
    h->positions.append(pos);
}

void Json::insertItem(qsizetype i, const Json &v)
{
    if (m_type != Type::Array)
        return;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    i = qBound<qsizetype>(0, i, h->items.size());
    h->items.insert(i, v);
    if (!h->positions.isEmpty())
        h->positions.insert(i, SourcePos{});
}

void Json::replaceItem(qsizetype i, const Json &v)
{
    if (m_type != Type::Array)
        return;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    if (i >= 0 && i < h->items.size())
        h->items[i] = v;
}

void Json::removeItem(qsizetype i)
{
    if (m_type != Type::Array)
        return;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    if (i < 0 || i >= h->items.size())
        return;
    h->items.removeAt(i);
    if (i < h->positions.size())
        h->positions.removeAt(i);
}

SourcePos Json::itemPos(qsizetype i) const
{
    if (m_type != Type::Array)
        return {};
    const auto *h = static_cast<const ArrayHeap *>(m_heap.data());
    return i >= 0 && i < h->positions.size() ? h->positions.at(i) : SourcePos{};
}

Json *Json::mutableItem(qsizetype i)
{
    if (m_type != Type::Array)
        return nullptr;
    detach();
    auto *h = static_cast<ArrayHeap *>(m_heap.data());
    return i >= 0 && i < h->items.size() ? &h->items[i] : nullptr;
}

const QList<JsonMember> &Json::members() const
{
    if (m_type != Type::Object)
        return emptyMembers();
    return static_cast<const ObjectHeap *>(m_heap.data())->members;
}

qsizetype Json::indexOf(QStringView key) const
{
    if (m_type != Type::Object)
        return -1;
    const auto &ms = static_cast<const ObjectHeap *>(m_heap.data())->members;
    for (qsizetype i = ms.size() - 1; i >= 0; --i) {
        if (ms.at(i).key == key)
            return i;
    }
    return -1;
}

const JsonMember *Json::member(QStringView key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &static_cast<const ObjectHeap *>(m_heap.data())->members.at(i);
}

const Json *Json::find(QStringView key) const
{
    const JsonMember *m = member(key);
    return m ? &m->value : nullptr;
}

Json Json::value(QStringView key) const
{
    const Json *v = find(key);
    return v ? *v : Json();
}

const Json &Json::operator[](QStringView key) const
{
    const Json *v = find(key);
    return v ? *v : undefinedRef();
}

QStringList Json::keys() const
{
    QStringList out;
    for (const auto &m : members())
        out.append(m.key);
    return out;
}

void Json::insert(const QString &key, const Json &v)
{
    if (m_type != Type::Object)
        return;
    const qsizetype i = indexOf(key);
    detach();
    auto *h = static_cast<ObjectHeap *>(m_heap.data());
    if (i >= 0)
        h->members[i].value = v;
    else
        h->members.append(JsonMember{key, v, {}, {}});
}

void Json::insertAt(qsizetype index, const QString &key, const Json &v)
{
    if (m_type != Type::Object)
        return;
    detach();
    auto *h = static_cast<ObjectHeap *>(m_heap.data());
    index = qBound<qsizetype>(0, index, h->members.size());
    h->members.insert(index, JsonMember{key, v, {}, {}});
}

bool Json::remove(QStringView key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return false;
    detach();
    static_cast<ObjectHeap *>(m_heap.data())->members.removeAt(i);
    return true;
}

bool Json::renameKey(QStringView from, const QString &to)
{
    const qsizetype i = indexOf(from);
    if (i < 0)
        return false;
    detach();
    static_cast<ObjectHeap *>(m_heap.data())->members[i].key = to;
    return true;
}

Json *Json::mutableValue(QStringView key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return nullptr;
    detach();
    return &static_cast<ObjectHeap *>(m_heap.data())->members[i].value;
}

void Json::appendMember(const QString &key, const Json &v, SourcePos keyPos, SourcePos valuePos)
{
    if (m_type != Type::Object)
        return;
    detach();
    static_cast<ObjectHeap *>(m_heap.data())->members.append(JsonMember{key, v, keyPos, valuePos});
}

bool operator==(const Json &a, const Json &b)
{
    if (a.m_type != b.m_type)
        return false;
    switch (a.m_type) {
    case Json::Type::Undefined:
    case Json::Type::Null:
        return true;
    case Json::Type::Bool:
        return a.m_v.b == b.m_v.b;
    case Json::Type::Number:
        if (a.m_isInt && b.m_isInt)
            return a.m_v.i == b.m_v.i;
        return a.toDouble() == b.toDouble();
    case Json::Type::String:
        return a.stringRef() == b.stringRef();
    case Json::Type::Array: {
        if (a.m_heap == b.m_heap)
            return true;
        const auto &x = a.items();
        const auto &y = b.items();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!(x.at(i) == y.at(i)))
                return false;
        }
        return true;
    }
    case Json::Type::Object: {
        if (a.m_heap == b.m_heap)
            return true;
        // With duplicate keys the last occurrence is the value, as lookups see it: compare the
        // keys each object really has.
        const auto distinctKeys = [](const Json &o) {
            qsizetype n = 0;
            const auto &ms = o.members();
            for (qsizetype i = 0; i < ms.size(); ++i)
                n += o.indexOf(ms.at(i).key) == i;
            return n;
        };
        const auto &x = a.members();
        qsizetype compared = 0;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (a.indexOf(x.at(i).key) != i)
                continue;
            const Json *o = b.find(x.at(i).key);
            if (!o || !(x.at(i).value == *o))
                return false;
            ++compared;
        }
        if (compared == x.size() && x.size() == b.size())
            return true; // every key of `a` found among as many members of `b`: no duplicates
        return compared == distinctKeys(b);
    }
    }
    return false;
}

bool Json::identical(const Json &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Number:
        if (m_isInt != other.m_isInt || spelling() != other.spelling())
            return false;
        return m_isInt ? m_v.i == other.m_v.i : (m_v.d == other.m_v.d || (std::isnan(m_v.d) && std::isnan(other.m_v.d)));
    case Type::String:
        return stringRef() == other.stringRef() && spelling() == other.spelling();
    case Type::Array: {
        const auto &x = items();
        const auto &y = other.items();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!x.at(i).identical(y.at(i)))
                return false;
        }
        return true;
    }
    case Type::Object: {
        const auto &x = members();
        const auto &y = other.members();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (x.at(i).key != y.at(i).key || !x.at(i).value.identical(y.at(i).value))
                return false;
        }
        return true;
    }
    default:
        return *this == other;
    }
}

namespace {
qint64 quotedSize(QStringView s)
{
    qint64 n = 2;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
            n += 2;
        else if (c < 0x20)
            n += 6;
        else if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            n += 4;
            ++i;
        } else if (QChar::isSurrogate(c))
            n += 6;
        else
            n += 3;
    }
    return n;
}
} // namespace

qint64 Json::compactSize() const
{
    switch (m_type) {
    case Type::Undefined:
    case Type::Null:
        return 4;
    case Type::Bool:
        return m_v.b ? 4 : 5;
    case Type::Number: {
        const QString sp = spelling();
        if (!sp.isEmpty())
            return sp.size();
        return m_isInt ? QByteArray::number(m_v.i).size() : JsonWriter::formatDouble(m_v.d).size();
    }
    case Type::String: {
        const auto *h = static_cast<const StringHeap *>(m_heap.data());
        qint64 n = h->size.bytes.load(std::memory_order_relaxed);
        if (n < 0) {
            n = h->spelling.isEmpty() ? quotedSize(h->value) : h->spelling.toUtf8().size();
            h->size.bytes.store(n, std::memory_order_relaxed);
        }
        return n;
    }
    case Type::Array: {
        const auto *h = static_cast<const ArrayHeap *>(m_heap.data());
        qint64 n = h->size.bytes.load(std::memory_order_relaxed);
        if (n < 0) {
            n = 2 + (h->items.isEmpty() ? 0 : h->items.size() - 1);
            for (const Json &i : h->items)
                n += i.compactSize();
            h->size.bytes.store(n, std::memory_order_relaxed);
        }
        return n;
    }
    case Type::Object: {
        const auto *h = static_cast<const ObjectHeap *>(m_heap.data());
        qint64 n = h->size.bytes.load(std::memory_order_relaxed);
        if (n < 0) {
            n = 2;
            qint64 count = 0;
            for (const JsonMember &m : h->members) {
                if (m.value.isUndefined())
                    continue;
                n += quotedSize(m.key) + 1 + m.value.compactSize();
                ++count;
            }
            n += count > 0 ? count - 1 : 0;
            h->size.bytes.store(n, std::memory_order_relaxed);
        }
        return n;
    }
    }
    return 0;
}

const char *Json::typeName() const
{
    switch (m_type) {
    case Type::Undefined:
        return "undefined";
    case Type::Null:
        return "null";
    case Type::Bool:
        return "boolean";
    case Type::Number:
        return "number";
    case Type::String:
        return "string";
    case Type::Array:
        return "array";
    case Type::Object:
        return "object";
    }
    return "?";
}

namespace jsonpointer {

QString escape(QStringView token)
{
    QString out = token.toString();
    out.replace(QLatin1Char('~'), QLatin1String("~0"));
    out.replace(QLatin1Char('/'), QLatin1String("~1"));
    return out;
}

QString append(const QString &pointer, QStringView token)
{
    return pointer + QLatin1Char('/') + escape(token);
}

QString append(const QString &pointer, qsizetype index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

QStringList split(QStringView pointer)
{
    QStringList out;
    if (pointer.isEmpty())
        return out;
    const auto parts = pointer.mid(pointer.startsWith(QLatin1Char('/')) ? 1 : 0).split(QLatin1Char('/'));
    for (const auto &p : parts) {
        QString t = p.toString();
        t.replace(QLatin1String("~1"), QLatin1String("/"));
        t.replace(QLatin1String("~0"), QLatin1String("~"));
        out.append(t);
    }
    return out;
}

Json resolve(const Json &root, QStringView pointer)
{
    Json cur = root;
    for (const QString &t : split(pointer)) {
        if (cur.isObject()) {
            cur = cur.value(t);
        } else if (cur.isArray()) {
            bool ok = false;
            const qsizetype i = t.toLongLong(&ok);
            cur = ok ? cur.at(i) : Json();
        } else {
            return Json();
        }
        if (cur.isUndefined())
            return cur;
    }
    return cur;
}

SourcePos locate(const Json &root, QStringView pointer, SourcePos rootPos)
{
    SourcePos best = rootPos;
    const Json *cur = &root;
    const QStringList tokens = split(pointer);
    for (const QString &t : tokens) {
        if (cur->isObject()) {
            const JsonMember *m = cur->member(t);
            if (!m)
                break;
            if (m->valuePos.isValid())
                best = m->valuePos;
            cur = &m->value;
        } else if (cur->isArray()) {
            bool ok = false;
            const qsizetype i = t.toLongLong(&ok);
            if (!ok || i < 0 || i >= cur->size())
                break;
            if (cur->itemPos(i).isValid())
                best = cur->itemPos(i);
            cur = &cur->at(i);
        } else {
            break;
        }
    }
    return best;
}

} // namespace jsonpointer

} // namespace sw
