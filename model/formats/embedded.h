#pragma once

#include "placeholders.h"
#include "json/json.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>

namespace sw::formats {

// A definition found inside another file (a CloudFormation/SAM template, a Terraform file), as the
// designer shows it: the ASL tree, whether and why it cannot be saved back, what saving cannot keep,
// and the ${...} placeholders with the values and sources the surrounding file gives them.
struct EmbeddedDefinition
{
    bool ok = false;
    QString error;
    SourcePos errorPos;
    Json root;              // positions point into the surrounding file where known
    QString readOnlyReason; // empty when an edit can be saved back
    QStringList warnings;
    QList<Placeholder> placeholders;
    PlaceholderSyntax syntax = PlaceholderSyntax::Plain;
    QSet<QString> rawNames;
};

// The text of a whole file after an edit was saved into it.
struct SaveResult
{
    bool ok = false;
    QString error;
    QByteArray text;
    QStringList warnings; // what this save did not keep (comments removed with edited lines...)
    QString path;         // SourceFile::save(): the file `text` belongs to
};

} // namespace sw::formats
