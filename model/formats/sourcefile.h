#pragma once

#include "asl/asldocument.h"
#include "embedded.h"
#include "placeholders.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace sw::formats {

// The one entry point for opening a definition from any file Stepwise understands: an ASL JSON or
// YAML file, a CloudFormation/SAM template or a Terraform file (which may hold several machines,
// or point at a local definition file). machines() lists what the file holds so the user can
// choose; open() gives the chosen definition as an AslDocument plus what the designer must tell
// the user (read-only reason, what saving cannot keep, placeholders with values); save() returns
// the new text of the file that holds it (the file itself, or the local file a template names).
// read() and the explicit-text overloads do no I/O; load() and open()/save() without text read
// the files they need. Writing is the caller's job (atomically, with QSaveFile).
enum class SourceKind { AslJson, AslYaml, CloudFormation, Terraform };
QString toString(SourceKind kind);

struct SourceMachine
{
    QString id;      // logical id, Terraform address, or the file name for plain definitions
    QString type;    // AWS::StepFunctions::StateMachine, aws_sfn_state_machine, "ASL"...
    QString summary; // how the definition is written, for a chooser
    SourcePos pos;
    QString readOnlyReason; // known before opening (S3 locations, computed definitions)
    QString externalPath;   // absolute path of the local definition file, when there is one
};

struct OpenedDefinition
{
    bool ok = false;
    QString error;
    SourcePos errorPos;
    asl::AslDocument document;                 // readDiagnostics say when the text is not a definition
    QString path;                              // the file that holds the definition text
    SourceKind textKind = SourceKind::AslJson; // how that text is written
    QString readOnlyReason;
    QStringList warnings; // what saving cannot keep, for this file
    QList<Placeholder> placeholders;
    PlaceholderSyntax syntax = PlaceholderSyntax::Plain;
    QSet<QString> rawNames;
};

class SourceFile
{
public:
    static SourceKind kindFor(const QString &path, const QByteArray &text);
    static SourceFile read(const QString &path, const QByteArray &text);
    static SourceFile load(const QString &path);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    SourcePos errorPos() const { return m_errorPos; }
    SourceKind kind() const { return m_kind; }
    QString path() const { return m_path; }
    const QList<SourceMachine> &machines() const { return m_machines; }

    // `externalText` is the content of machines()[index].externalPath when the caller has it.
    OpenedDefinition open(int index = 0, const QByteArray *externalText = nullptr) const;
    SaveResult save(int index, const Json &edited, const QByteArray *externalText = nullptr) const;

private:
    QString m_path;
    QByteArray m_text;
    SourceKind m_kind = SourceKind::AslJson;
    QString m_error;
    SourcePos m_errorPos;
    QList<SourceMachine> m_machines;
};

// The opened definition with its placeholders replaced by the values their sources give and the
// user's `overrides`, for validating and simulating it as it will be deployed.
Resolution resolveDefinition(const OpenedDefinition &opened, const QHash<QString, Json> &overrides = {});

// Reads a definition kept as JSON text whose ${Name} placeholders may stand outside strings.
OpenedDefinition openDefinitionText(const QByteArray &text, SourceKind kind, const QString &path);
// The new text of a definition file (JSON or YAML) after an edit, keeping the author's formatting
// on unchanged lines.
SaveResult saveDefinitionText(const QByteArray &original, SourceKind kind, const Json &edited);

} // namespace sw::formats
