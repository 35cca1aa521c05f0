#pragma once

#include "embedded.h"
#include "placeholders.h"
#include "yaml.h"
#include "json/json.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace sw::formats {

// A CloudFormation or SAM template (YAML with short-form tags, or JSON) read for the state machines
// it declares: AWS::StepFunctions::StateMachine and AWS::Serverless::StateMachine resources whose
// definition is inline (Definition), a string (DefinitionString: plain, Fn::Sub, Fn::Join) or a
// local file (DefinitionUri, DefinitionS3Location). definition() gives the ASL the designer edits,
// with intrinsic functions inside it shown as ${...} placeholders; save() writes an edited
// definition back by replacing only the lines the edit changes and re-reads the result to prove
// the rest of the template is untouched. No file I/O: local definition files are named, not read.
class CfnTemplate
{
public:
    enum class Syntax { Yaml, Json };
    enum class Form { Inline, String, Sub, Join, LocalFile, S3, Unsupported };

    struct Machine
    {
        QString logicalId;
        QString resourceType;
        Form form = Form::Unsupported;
        QString property;       // Definition, DefinitionString, DefinitionUri or DefinitionS3Location
        QString summary;        // for a chooser, e.g. "DefinitionString (Fn::Sub)"
        SourcePos pos;          // of the resource's logical id
        QString localPath;      // LocalFile: the path as written (relative to the template's folder)
        Json substitutions;     // DefinitionSubstitutions, undefined when absent
        QString readOnlyReason; // empty when an edit can be saved back
    };

    using Definition = EmbeddedDefinition;
    using Saved = SaveResult;

    static bool isResourceType(const QString &type);
    // Whether a YAML or JSON text looks like a template holding state machines (for opening files
    // by content rather than name).
    static bool looksLikeTemplate(const QByteArray &text);

    static CfnTemplate parse(const QByteArray &text);

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    SourcePos errorPos() const { return m_errorPos; }
    Syntax syntax() const { return m_syntax; }
    const QList<Machine> &machines() const { return m_machines; }
    const Json &tree() const { return m_tree; }
    const QByteArray &text() const { return m_text; }

    Definition definition(int index) const;
    // Values a local definition file (DefinitionUri) gets from the template: its
    // DefinitionSubstitutions, as placeholders annotated with their values and sources.
    QList<Placeholder> annotate(int index, QList<Placeholder> found) const;
    Saved save(int index, const Json &edited) const;
    // The Properties of machine `index`.
    const Json &properties(int index) const;

private:
    bool verify(int index, const QByteArray &text, const Json &edited, QString *why) const;

    bool m_ok = false;
    QString m_error;
    SourcePos m_errorPos;
    Syntax m_syntax = Syntax::Yaml;
    QByteArray m_text;
    Json m_tree;
    QList<Machine> m_machines;
};

// Turning CloudFormation intrinsic functions inside a definition into ${...} text and back.
struct LiftedIntrinsics
{
    Json view;                       // the definition with intrinsics as strings
    QHash<QString, Json> byPointer;  // pointer -> the intrinsic that was there
    QHash<QString, QString> textAt;  // pointer -> the string shown for it
    QHash<QString, QString> sources; // placeholder name -> "!GetAtt A.B" ...
    QHash<QString, Json> values;     // placeholder name -> value given by an Fn::Sub variable map
    QString unsupported;             // first intrinsic that has no text form, with its pointer
};
LiftedIntrinsics liftIntrinsics(const Json &definition);
Json lowerIntrinsics(const Json &edited, const Json &originalView, const LiftedIntrinsics &lifted);

} // namespace sw::formats
