#pragma once

#include "asl/statemachine.h"
#include "json/json.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace sw::formats {

// Text exports of a definition: JSON, YAML, Mermaid stateDiagram-v2, and infrastructure code that
// deploys it (a CloudFormation or SAM template, a Terraform configuration) with a role parameter
// and one parameter or variable per ${Placeholder}. Every writer is a pure function of the
// definition; textExports() lists them for `stepwise export` and the File > Export menu.
struct ExportSource
{
    const Json *definition = nullptr;           // the document (the root of the definition)
    const asl::StateMachine *machine = nullptr; // its typed view
    QString name;                               // a base name for resources ("order-pipeline")
};

struct TextExport
{
    QString name;      // --format value
    QString extension; // file suffix without the dot
    QString description;
    QByteArray (*write)(const ExportSource &source) = nullptr;
};

const QList<TextExport> &textExports();
const TextExport *findTextExport(const QString &name);

QByteArray exportJson(const Json &definition);
QByteArray exportYaml(const Json &definition);
// Composite states for Parallel (one region per branch, separated by --) and Map, <<choice>>
// pseudo-states for Choice, Catch edges labelled with their errors, Fail states styled.
QByteArray exportMermaid(const asl::StateMachine &machine);

struct TemplateOptions
{
    QString name;      // base name: the resource's logical id and state machine name derive from it
    bool json = false; // JSON instead of YAML
};
QByteArray exportCloudFormation(const Json &definition, const TemplateOptions &options);
QByteArray exportSam(const Json &definition, const TemplateOptions &options);
QByteArray exportTerraform(const Json &definition, const QString &name);

// `name` as a CloudFormation logical id (PascalCase letters and digits) and as a Terraform
// identifier (snake_case).
QString logicalIdFor(const QString &name, const QString &fallback);
QString terraformIdentifier(const QString &name);

} // namespace sw::formats
