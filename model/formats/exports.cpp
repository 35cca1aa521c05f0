#include "exports.h"

#include "hcl.h"
#include "placeholders.h"
#include "yaml.h"
#include "json/jsonwriter.h"

#include <QSet>

namespace sw::formats {

namespace {

QByteArray writeJsonExport(const ExportSource &s)
{
    return exportJson(*s.definition);
}
QByteArray writeYamlExport(const ExportSource &s)
{
    return exportYaml(*s.definition);
}
QByteArray writeMermaidExport(const ExportSource &s)
{
    return exportMermaid(*s.machine);
}
QByteArray writeCloudFormationExport(const ExportSource &s)
{
    return exportCloudFormation(*s.definition, TemplateOptions{s.name, false});
}
QByteArray writeSamExport(const ExportSource &s)
{
    return exportSam(*s.definition, TemplateOptions{s.name, false});
}
QByteArray writeTerraformExport(const ExportSource &s)
{
    return exportTerraform(*s.definition, s.name);
}

// Words of a name ("order-pipeline.asl" -> order, pipeline, asl).
QStringList words(const QString &name)
{
    QStringList out;
    QString word;
    for (const QChar c : name) {
        if (c.isLetterOrNumber() && c.unicode() < 0x80) {
            // camelCase boundaries start a new word too
            if (c.isUpper() && !word.isEmpty() && word.back().isLower()) {
                out.append(word);
                word.clear();
            }
            word += c;
        } else if (!word.isEmpty()) {
            out.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty()) out.append(word);
    return out;
}

QString pascal(const QString &name)
{
    QString out;
    for (const QString &w : words(name))
        out += w.front().toUpper() + w.mid(1);
    return out;
}

struct TemplateParts
{
    Json parameters = Json::object();
    Json substitutions = Json::object();
};

// A role parameter and one String parameter per placeholder, wired into DefinitionSubstitutions.
TemplateParts templateParts(const Json &definition)
{
    TemplateParts t;
    t.parameters.insert(
        QStringLiteral("StateMachineRoleArn"),
        Json{{QStringLiteral("Type"), Json("String")},
             {QStringLiteral("Description"), Json("ARN of the IAM role the state machine runs as")}});
    QSet<QString> used{QStringLiteral("StateMachineRoleArn")};
    for (const Placeholder &p : findPlaceholders(definition)) {
        QString param = pascal(p.name);
        if (param.isEmpty() || param.front().isDigit()) param.prepend(QLatin1String("Param"));
        QString unique = param;
        for (int n = 2; used.contains(unique); ++n)
            unique = param + QString::number(n);
        used.insert(unique);
        t.parameters.insert(
            unique,
            Json{{QStringLiteral("Type"), Json("String")},
                 {QStringLiteral("Description"),
                  Json(QStringLiteral("Value substituted for ${%1} in the definition").arg(p.name))}});
        t.substitutions.insert(p.name, Json{{QStringLiteral("Ref"), Json(unique)}});
    }
    return t;
}

QByteArray writeTemplate(const Json &tree, bool json)
{
    if (json) return JsonWriter::write(tree, JsonWriter::Options{2, true, true});
    YamlWriteOptions o;
    o.cloudFormationShortForms = true;
    return writeYaml(tree, o);
}

Json templateFor(const Json &definition, const TemplateOptions &options, bool sam)
{
    const QString id = logicalIdFor(options.name, QStringLiteral("StateMachine"));
    const TemplateParts parts = templateParts(definition);
    Json props = Json::object();
    if (sam) {
        props.insert(QStringLiteral("Role"), Json{{QStringLiteral("Ref"), Json("StateMachineRoleArn")}});
    } else {
        props.insert(QStringLiteral("RoleArn"), Json{{QStringLiteral("Ref"), Json("StateMachineRoleArn")}});
    }
    props.insert(QStringLiteral("Definition"), definition);
    if (!parts.substitutions.isEmpty())
        props.insert(QStringLiteral("DefinitionSubstitutions"), parts.substitutions);
    Json resource = Json::object();
    resource.insert(QStringLiteral("Type"), Json(sam ? QStringLiteral("AWS::Serverless::StateMachine")
                                                     : QStringLiteral("AWS::StepFunctions::StateMachine")));
    resource.insert(QStringLiteral("Properties"), props);

    Json t = Json::object();
    t.insert(QStringLiteral("AWSTemplateFormatVersion"), Json("2010-09-09"));
    if (sam) t.insert(QStringLiteral("Transform"), Json("AWS::Serverless-2016-10-31"));
    const QString comment = definition.value(u"Comment").toString();
    t.insert(QStringLiteral("Description"),
             Json(comment.isEmpty() ? QStringLiteral("%1 (exported by Stepwise)").arg(id) : comment));
    t.insert(QStringLiteral("Parameters"), parts.parameters);
    Json resources = Json::object();
    resources.insert(id, resource);
    t.insert(QStringLiteral("Resources"), resources);
    Json outputs = Json::object();
    outputs.insert(QStringLiteral("StateMachineArn"),
                   Json{{QStringLiteral("Value"), Json{{QStringLiteral("Ref"), Json(id)}}}});
    t.insert(QStringLiteral("Outputs"), outputs);
    return t;
}

// Placeholders become Terraform variables: ${Name} -> ${var.name}.
Json toVariables(const Json &v, const QHash<QString, QString> &vars)
{
    if (v.isString()) {
        QString s = v.toString();
        for (auto it = vars.cbegin(); it != vars.cend(); ++it)
            s.replace(QStringLiteral("${%1}").arg(it.key()), QStringLiteral("${var.%1}").arg(*it));
        return Json(s);
    }
    if (v.isArray()) {
        Json a = Json::array();
        for (const Json &item : v.items())
            a.append(toVariables(item, vars));
        return a;
    }
    if (v.isObject()) {
        Json o = Json::object();
        for (const JsonMember &m : v.members())
            o.insert(m.key, toVariables(m.value, vars));
        return o;
    }
    return v;
}

} // namespace

const QList<TextExport> &textExports()
{
    static const QList<TextExport> all = {
        {QStringLiteral("mermaid"), QStringLiteral("mmd"),
         QStringLiteral("Mermaid stateDiagram-v2 (Markdown, GitHub)"), &writeMermaidExport},
        {QStringLiteral("yaml"), QStringLiteral("asl.yaml"), QStringLiteral("the definition as YAML"),
         &writeYamlExport},
        {QStringLiteral("json"), QStringLiteral("asl.json"), QStringLiteral("the definition as JSON"),
         &writeJsonExport},
        {QStringLiteral("cloudformation"), QStringLiteral("yaml"),
         QStringLiteral("CloudFormation template (AWS::StepFunctions::StateMachine)"),
         &writeCloudFormationExport},
        {QStringLiteral("sam"), QStringLiteral("yaml"),
         QStringLiteral("SAM template (AWS::Serverless::StateMachine)"), &writeSamExport},
        {QStringLiteral("terraform"), QStringLiteral("tf"),
         QStringLiteral("Terraform aws_sfn_state_machine with jsonencode"), &writeTerraformExport},
    };
    return all;
}

const TextExport *findTextExport(const QString &name)
{
    for (const TextExport &e : textExports()) {
        if (e.name.compare(name, Qt::CaseInsensitive) == 0) return &e;
    }
    return nullptr;
}

QByteArray exportJson(const Json &definition)
{
    return JsonWriter::write(definition, JsonWriter::Options{2, true, true});
}

QByteArray exportYaml(const Json &definition)
{
    return writeYaml(definition);
}

QByteArray exportCloudFormation(const Json &definition, const TemplateOptions &options)
{
    return writeTemplate(templateFor(definition, options, false), options.json);
}

QByteArray exportSam(const Json &definition, const TemplateOptions &options)
{
    return writeTemplate(templateFor(definition, options, true), options.json);
}

QByteArray exportTerraform(const Json &definition, const QString &name)
{
    const QString resource = terraformIdentifier(name.isEmpty() ? QStringLiteral("state_machine") : name);
    QByteArray out = "variable \"state_machine_role_arn\" {\n"
                     "  description = \"ARN of the IAM role the state machine runs as\"\n"
                     "  type        = string\n"
                     "}\n";
    QHash<QString, QString> vars;
    QSet<QString> used{QStringLiteral("state_machine_role_arn")};
    for (const Placeholder &p : findPlaceholders(definition)) {
        QString var = terraformIdentifier(p.name);
        QString unique = var;
        for (int n = 2; used.contains(unique); ++n)
            unique = var + QLatin1Char('_') + QString::number(n);
        used.insert(unique);
        vars.insert(p.name, unique);
        out += "\nvariable \"" + unique.toUtf8() + "\" {\n" + "  description = " +
               hclString(QStringLiteral("Value substituted for ${%1} in the definition").arg(p.name), false) +
               "\n" + "  type        = string\n}\n";
    }
    out += "\nresource \"aws_sfn_state_machine\" \"" + resource.toUtf8() + "\" {\n" +
           "  name     = " + hclString(name.isEmpty() ? resource : name, false) + "\n" +
           "  role_arn = var.state_machine_role_arn\n\n" + "  definition = jsonencode(" +
           writeHcl(toVariables(definition, vars), 2) + ")\n}\n";
    return out;
}

QString logicalIdFor(const QString &name, const QString &fallback)
{
    QString id = pascal(name);
    if (id.isEmpty() || id.front().isDigit()) return fallback + id;
    return id;
}

QString terraformIdentifier(const QString &name)
{
    QString id = words(name).join(QLatin1Char('_')).toLower();
    if (id.isEmpty() || id.front().isDigit()) id.prepend(QLatin1String("sm_"));
    return id;
}

} // namespace sw::formats
