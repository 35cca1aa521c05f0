#pragma once

#include "asl/statemachine.h"
#include "diagnostic.h"
#include "json/json.h"

#include <QByteArray>
#include <QString>

namespace sw::asl {

// A definition read from text: the lossless JSON tree (the truth), its typed view, and what the
// reader needs to write it back the way it came (final newline, byte-order mark). AslDocument does
// no file I/O and never throws; a text that is not JSON gives a document with one
// INVALID_JSON_DESCRIPTION diagnostic and no machine.
struct AslDocument
{
    Json root;
    StateMachine machine;
    bool parsed = false;
    SourcePos rootPos{1, 1};
    bool endsWithNewline = true;
    bool hasBom = false;
    Diagnostics readDiagnostics; // malformed JSON, or a top level that is not an object

    static AslDocument fromText(const QByteArray &utf8);
    // Re-derive the typed view after the tree changed.
    void rebuild();
    // The text of the document: 2-space indented, spellings and order kept.
    QByteArray toText() const;
    SourcePos locate(const QString &pointer) const { return jsonpointer::locate(root, pointer, rootPos); }
};

} // namespace sw::asl
