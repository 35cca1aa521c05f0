#pragma once

#include "json/json.h"

#include <QList>
#include <QString>

namespace sw::edit {

// What the designer's palette offers: the eight state types and common service integrations,
// each a skeleton state with the members of both query languages (Parameters for JSONPath,
// Arguments for JSONata...). The catalogue is data, resources/palette.json, compiled in as
// ":/stepwise/palette.json"; fromJson() also reads a catalogue given as text (tests, a user's
// own). Never changes a document: AddStateCommand adds what state() returns.
struct PaletteItem
{
    QString id;    // e.g. "lambda-invoke"
    QString group; // "Flow" or "Actions"
    QString label; // "Lambda: Invoke"
    QString name;  // the state name it suggests ("Lambda Invoke")
    QString description;
    QString type;     // the state type
    QString resource; // Task resource, "" for the others
    Json state;       // members common to both languages
    Json jsonPath;    // members added in JSONPath
    Json jsonata;     // members added in JSONata
};

class Palette
{
public:
    // The built-in catalogue.
    static const Palette &builtIn();
    // Reads a catalogue; on error the palette is empty and *error says why.
    static Palette fromJson(const QByteArray &text, QString *error);

    const QList<PaletteItem> &items() const { return m_items; }
    const PaletteItem *find(const QString &id) const;
    // The skeleton state of an item for a query language, keys in canonical order.
    Json state(const PaletteItem &item, bool jsonata) const;

private:
    QList<PaletteItem> m_items;
};

} // namespace sw::edit
