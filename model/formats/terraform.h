#pragma once

#include "embedded.h"
#include "hcl.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace sw::formats {

// A Terraform file (.tf) read for its aws_sfn_state_machine resources. The definition may be
// jsonencode({...}) in HCL object syntax, a heredoc or quoted string of JSON, file("...") or
// templatefile("...", {...}). definition() gives the ASL with Terraform references shown as
// ${...} placeholders (and their values when a variable default or local gives one); anything
// Terraform computes (function calls, conditionals, for expressions) makes the machine read-only
// with the expression named. save() rewrites only the lines of the definition an edit changes,
// the same way for CloudFormation templates. No file I/O: file()/templatefile() paths are named.
class TerraformFile
{
public:
    enum class Form { JsonEncode, Heredoc, String, File, TemplateFile, Unsupported };

    struct Machine
    {
        QString name;    // the resource label
        QString address; // aws_sfn_state_machine.NAME
        Form form = Form::Unsupported;
        QString summary; // for a chooser, e.g. "jsonencode({...})"
        SourcePos pos;
        QString localPath;      // File, TemplateFile: as written, ${path.module} replaced by "."
        Json variables;         // TemplateFile: the variables object (references as ${...})
        QString readOnlyReason; // empty when an edit can be saved back
    };
    using Definition = EmbeddedDefinition;
    using Saved = SaveResult;

    static TerraformFile parse(const QByteArray &text);

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    SourcePos errorPos() const { return m_errorPos; }
    const QList<Machine> &machines() const { return m_machines; }

    Definition definition(int index) const;
    // Sources and values for placeholders of a templatefile() definition (its variables) or any
    // other definition of this file (variable defaults, locals).
    QList<Placeholder> annotate(int index, QList<Placeholder> found) const;
    Saved save(int index, const Json &edited) const;

private:
    const HclAttribute *definitionAttribute(int index) const;
    Json knownValue(const QString &reference) const;

    bool m_ok = false;
    QString m_error;
    SourcePos m_errorPos;
    QByteArray m_text;
    HclFile m_file;
    QList<Machine> m_machines;
    QList<int> m_blockIndex; // machine -> top-level block
};

} // namespace sw::formats
