#pragma once

// Helpers shared by the expression-layer tests.

#include "simulator/data/evalcontext.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QHash>
#include <QString>

// Parses a JSON snippet written in a test (undefined when it is not JSON).
inline sw::Json J(const char *text)
{
    return sw::JsonReader::parseOrUndefined(QByteArray(text));
}

inline QString compact(const sw::Json &v)
{
    return sw::JsonWriter::compactString(v);
}

// Workflow variables backed by a hash, for $name paths.
class TestVariables : public sw::sim::Variables
{
public:
    const sw::Json *lookup(QStringView name) const override
    {
        const auto it = m_values.constFind(name.toString());
        return it == m_values.constEnd() ? nullptr : &*it;
    }
    void set(const QString &name, const sw::Json &value) { m_values.insert(name, value); }

private:
    QHash<QString, sw::Json> m_values;
};
