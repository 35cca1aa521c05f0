#pragma once

#include <QList>
#include <QSharedData>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <initializer_list>
#include <utility>

namespace sw {

// A position in source text: 1-based line and column (columns count Unicode code points).
struct SourcePos
{
    qint32 line = 0;
    qint32 column = 0;
    bool isValid() const { return line > 0; }
    friend bool operator==(const SourcePos &, const SourcePos &) = default;
};

class Json;
struct JsonMember;

namespace detail {
struct JsonHeap : QSharedData
{
    virtual ~JsonHeap() = default;
    virtual JsonHeap *clone() const = 0;
};
} // namespace detail

// An ordered JSON value with value semantics and cheap copies (shared, copy-on-write storage).
//
// Json is the one data representation of Stepwise: definitions, execution data, mocks and history
// all use it. Unlike QJsonValue it keeps the authored order of object members, the spelling of
// numbers and escaped strings (so an unedited document writes back byte for byte), the source
// position of every member and array item, and it distinguishes "undefined" (absent) from null.
// It never performs I/O and never throws.
class Json
{
public:
    enum class Type : quint8 { Undefined, Null, Bool, Number, String, Array, Object };

    Json() = default; // undefined
    Json(std::nullptr_t) : m_type(Type::Null) {}
    Json(bool b) : m_type(Type::Bool) { m_v.b = b; }
    Json(int i) : m_type(Type::Number), m_isInt(true) { m_v.i = i; }
    Json(qint64 i) : m_type(Type::Number), m_isInt(true) { m_v.i = i; }
    Json(double d);
    Json(const QString &s);
    Json(QStringView s) : Json(s.toString()) {}
    Json(const char *utf8) : Json(QString::fromUtf8(utf8)) {}
    Json(QLatin1StringView s) : Json(QString(s)) {}
    Json(std::initializer_list<std::pair<QString, Json>> members); // object

    static Json array(QList<Json> items = {});
    static Json object();
    // A number with the exact spelling it had in the source (kept by the writer).
    static Json numberWithSpelling(double d, const QString &spelling);
    static Json integerWithSpelling(qint64 i, const QString &spelling);
    static Json stringWithSpelling(const QString &s, const QString &spelling);

    Type type() const { return m_type; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    bool isDefined() const { return m_type != Type::Undefined; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    // A number stored as an integer (its spelling had no fraction or exponent, or it was built from one).
    bool isIntegerStorage() const { return m_type == Type::Number && m_isInt; }
    // A number whose value is integral (1 and 1.0 both are).
    bool isIntegral() const;

    bool toBool(bool def = false) const { return m_type == Type::Bool ? m_v.b : def; }
    double toDouble(double def = 0) const;
    qint64 toInteger(qint64 def = 0) const;
    QString toString() const; // the value of a string, empty otherwise
    const QString &stringRef() const;
    // The source spelling of a number or string, empty when it is canonical or computed.
    QString spelling() const;

    // Arrays
    qsizetype size() const; // items of an array, members of an object, 0 otherwise
    bool isEmpty() const { return size() == 0; }
    const Json &at(qsizetype i) const; // undefined when out of range or not an array
    const QList<Json> &items() const;
    void append(const Json &v);
    void insertItem(qsizetype i, const Json &v);
    void replaceItem(qsizetype i, const Json &v);
    void removeItem(qsizetype i);
    SourcePos itemPos(qsizetype i) const;
    Json *mutableItem(qsizetype i);

    // Objects (member order is kept; lookups are linear, the last duplicate wins)
    const QList<JsonMember> &members() const;
    const Json *find(QStringView key) const;
    Json value(QStringView key) const; // undefined when absent
    const Json &operator[](QStringView key) const;
    const Json &operator[](qsizetype i) const { return at(i); }
    const Json &operator[](int i) const { return at(i); }
    const Json &operator[](const char *key) const { return (*this)[QStringView(QString::fromUtf8(key))]; }
    bool contains(QStringView key) const { return find(key) != nullptr; }
    QStringList keys() const;
    qsizetype indexOf(QStringView key) const; // -1 when absent
    // Replaces the value in place when the key exists (keeping its position), else appends.
    void insert(const QString &key, const Json &v);
    void insertAt(qsizetype index, const QString &key, const Json &v);
    bool remove(QStringView key);
    bool renameKey(QStringView from, const QString &to);
    Json *mutableValue(QStringView key);
    const JsonMember *member(QStringView key) const;

    // Value equality: numbers by value (1 == 1.0), objects regardless of member order.
    friend bool operator==(const Json &a, const Json &b);
    friend bool operator!=(const Json &a, const Json &b) { return !(a == b); }
    // Strict equality: also member order and spellings.
    bool identical(const Json &other) const;
    // The byte size of JsonWriter::compact(*this), cached in shared storage so checking a value
    // that embeds already measured parts (AWS's 256 KiB payload limit, on every state) is cheap.
    qint64 compactSize() const;

    // Used by JsonReader to attach positions while building.
    void appendWithPos(const Json &v, SourcePos pos);
    void appendMember(const QString &key, const Json &v, SourcePos keyPos, SourcePos valuePos);

    static const Json &undefinedRef();
    const char *typeName() const;

private:
    void detach();

    Type m_type = Type::Undefined;
    bool m_isInt = false;
    union {
        bool b;
        qint64 i;
        double d;
    } m_v{};
    QExplicitlySharedDataPointer<detail::JsonHeap> m_heap;
};

struct JsonMember
{
    QString key;
    Json value;
    SourcePos keyPos;
    SourcePos valuePos;
};

// JSON Pointer (RFC 6901) helpers.
namespace jsonpointer {
QString escape(QStringView token);
QString append(const QString &pointer, QStringView token);
QString append(const QString &pointer, qsizetype index);
QStringList split(QStringView pointer); // unescaped tokens
// The value at a pointer, or undefined.
Json resolve(const Json &root, QStringView pointer);
// The source position of the deepest value along the pointer that has one.
SourcePos locate(const Json &root, QStringView pointer, SourcePos rootPos = {1, 1});
} // namespace jsonpointer

} // namespace sw
