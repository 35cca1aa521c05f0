#include "cfntemplate.h"

#include "cfnstrings.h"
#include "splice.h"
#include "textindex.h"
#include "json/jsonreader.h"

namespace sw::formats {

namespace {

const QString kStepFunctions = QStringLiteral("AWS::StepFunctions::StateMachine");
const QString kServerless = QStringLiteral("AWS::Serverless::StateMachine");

bool startsWithBrace(const QByteArray &text)
{
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return c == '{';
    }
    return false;
}

QString describeS3(const Json &v)
{
    if (v.isString()) return v.toString();
    return QStringLiteral("s3://%1/%2").arg(v.value(u"Bucket").toString(), v.value(u"Key").toString());
}

} // namespace

bool CfnTemplate::isResourceType(const QString &type)
{
    return type == kStepFunctions || type == kServerless;
}

bool CfnTemplate::looksLikeTemplate(const QByteArray &text)
{
    return text.contains(kStepFunctions.toUtf8()) || text.contains(kServerless.toUtf8());
}

CfnTemplate CfnTemplate::parse(const QByteArray &text)
{
    CfnTemplate t;
    t.m_text = text;
    if (startsWithBrace(text)) {
        t.m_syntax = Syntax::Json;
        const JsonReader::Result r = JsonReader::parse(text);
        if (!r.ok) {
            t.m_error = r.error;
            t.m_errorPos = r.errorPos;
            return t;
        }
        t.m_tree = r.value;
    } else {
        t.m_syntax = Syntax::Yaml;
        YamlReadOptions o;
        o.cloudFormationTags = true;
        const YamlReadResult r = readYaml(text, o);
        if (!r.ok) {
            t.m_error = r.error;
            t.m_errorPos = r.errorPos;
            return t;
        }
        t.m_tree = r.value;
    }
    const Json *resources = t.m_tree.isObject() ? t.m_tree.find(u"Resources") : nullptr;
    if (!resources || !resources->isObject()) {
        t.m_error = QStringLiteral("not a CloudFormation template: there is no Resources section");
        t.m_errorPos = {1, 1};
        return t;
    }
    for (const JsonMember &r : resources->members()) {
        const QString type = r.value.value(u"Type").toString();
        if (!isResourceType(type)) continue;
        Machine m;
        m.logicalId = r.key;
        m.resourceType = type;
        m.pos = r.keyPos;
        const Json props = r.value.value(u"Properties");
        m.substitutions = props.value(u"DefinitionSubstitutions");
        const bool sam = type == kServerless;
        if (props.contains(u"Definition")) {
            m.property = QStringLiteral("Definition");
            m.form = props.value(u"Definition").isObject() ? Form::Inline : Form::Unsupported;
            m.summary = QStringLiteral("Definition (inline)");
            if (m.form == Form::Unsupported) m.readOnlyReason = QStringLiteral("Definition is not an object");
        } else if (!sam && props.contains(u"DefinitionString")) {
            m.property = QStringLiteral("DefinitionString");
            const Json v = props.value(u"DefinitionString");
            if (v.isString()) {
                m.form = Form::String;
                m.summary = QStringLiteral("DefinitionString");
            } else if (v.isObject() && v.size() == 1 && v.contains(u"Fn::Sub")) {
                m.form = Form::Sub;
                m.summary = QStringLiteral("DefinitionString (Fn::Sub)");
            } else if (v.isObject() && v.size() == 1 && v.contains(u"Fn::Join")) {
                m.form = Form::Join;
                m.summary = QStringLiteral("DefinitionString (Fn::Join)");
            } else {
                m.summary = QStringLiteral("DefinitionString");
                m.readOnlyReason =
                    QStringLiteral("DefinitionString is built with %1, which Stepwise cannot evaluate")
                        .arg(v.isObject() && !v.isEmpty() ? v.members().first().key
                                                          : QLatin1String(v.typeName()));
            }
        } else if (props.contains(sam ? u"DefinitionUri" : u"DefinitionS3Location")) {
            m.property = sam ? QStringLiteral("DefinitionUri") : QStringLiteral("DefinitionS3Location");
            const Json v = props.value(m.property);
            if (v.isString() && !v.toString().startsWith(QLatin1String("s3://"))) {
                m.form = Form::LocalFile;
                m.localPath = v.toString();
                m.summary = QStringLiteral("%1: %2").arg(m.property, m.localPath);
            } else {
                m.form = Form::S3;
                m.summary = QStringLiteral("%1: %2").arg(m.property, describeS3(v));
                m.readOnlyReason =
                    QStringLiteral("the definition is stored in S3 (%1): download it and point %2 at the "
                                   "local copy to edit it")
                        .arg(describeS3(v), m.property);
            }
        } else {
            m.summary = QStringLiteral("no definition");
            m.readOnlyReason = QStringLiteral("the resource has no Definition%1")
                                   .arg(sam ? QStringLiteral(" or DefinitionUri")
                                            : QStringLiteral(", DefinitionString or DefinitionS3Location"));
        }
        t.m_machines.append(m);
    }
    if (t.m_machines.isEmpty()) {
        t.m_error =
            QStringLiteral("the template declares no %1 or %2 resource").arg(kStepFunctions, kServerless);
        t.m_errorPos = {1, 1};
        return t;
    }
    t.m_ok = true;
    return t;
}

const Json &CfnTemplate::properties(int index) const
{
    const Json &resources = m_tree[u"Resources"];
    return resources[QStringView(m_machines.at(index).logicalId)][u"Properties"];
}

CfnTemplate::Definition CfnTemplate::definition(int index) const
{
    Definition d;
    if (index < 0 || index >= m_machines.size()) {
        d.error = QStringLiteral("no state machine %1 in the template").arg(index);
        return d;
    }
    const Machine &m = m_machines.at(index);
    const Json &props = properties(index);
    const JsonMember *member = props.member(m.property);
    switch (m.form) {
    case Form::Unsupported:
    case Form::S3:
        d.error = m.readOnlyReason;
        d.errorPos = m.pos;
        return d;
    case Form::LocalFile:
        d.error = QStringLiteral("the definition of %1 is the local file %2").arg(m.logicalId, m.localPath);
        d.errorPos = member->valuePos;
        return d;
    case Form::Inline: {
        const LiftedIntrinsics lifted = liftIntrinsics(member->value);
        d.root = lifted.view;
        if (!lifted.unsupported.isEmpty()) {
            d.readOnlyReason = QStringLiteral("the Definition uses %1, which has no text form in Stepwise")
                                   .arg(lifted.unsupported);
        } else if (m_syntax == Syntax::Yaml) {
            const YamlRegion region = yamlMemberRegion(TextIndex(m_text), member->keyPos);
            if (!region.error.isEmpty()) d.readOnlyReason = region.error;
        }
        if (!lifted.byPointer.isEmpty()) {
            d.warnings.append(
                QStringLiteral("intrinsic functions in the Definition are shown as ${...} placeholders and "
                               "written back as they were where the text is unchanged"));
        }
        if (m_syntax == Syntax::Yaml) {
            d.warnings.append(
                QStringLiteral("comments in the Definition stay on lines an edit does not change; lines an "
                               "edit rewrites lose their comments and take Stepwise's YAML style"));
        }
        d.syntax = PlaceholderSyntax::Plain;
        d.placeholders = annotate(index, findPlaceholders(d.root, d.syntax));
        for (Placeholder &p : d.placeholders) {
            if (lifted.sources.contains(p.name)) p.source = lifted.sources.value(p.name);
        }
        d.ok = true;
        return d;
    }
    case Form::String:
    case Form::Sub:
    case Form::Join:
        break;
    }

    const DefinitionText src = definitionText(*this, index);
    if (!src.error.isEmpty()) {
        d.error = src.error;
        d.errorPos = member->valuePos;
        return d;
    }
    const ProtectedText protectedText = protectRawPlaceholders(src.text.toUtf8());
    const JsonReader::Result r = JsonReader::parse(protectedText.json);
    const std::function<SourcePos(SourcePos)> map = [&](SourcePos p) -> SourcePos {
        if (src.block.kind == YamlScalarSpan::Kind::Literal && src.block.firstContentLine > 0 && p.isValid())
            return {src.block.firstContentLine + p.line - 1, src.block.contentIndent + p.column};
        return src.scalarPos;
    };
    if (!r.ok) {
        d.error = QStringLiteral("%1 is not JSON: %2").arg(m.property, r.error);
        d.errorPos = map(r.errorPos);
        return d;
    }
    d.root = mapPositions(r.value, map);
    d.rawNames = protectedText.rawNames;
    d.syntax = m.form == Form::Sub ? PlaceholderSyntax::FnSub : PlaceholderSyntax::Plain;
    d.readOnlyReason = src.readOnlyReason;
    if (!d.rawNames.isEmpty()) {
        d.warnings.append(
            QStringLiteral("placeholders written without quotes (%1) are shown as strings and written back "
                           "without quotes")
                .arg(QStringList(d.rawNames.values()).join(QStringLiteral(", "))));
    }
    if (m.form == Form::Join)
        d.warnings.append(QStringLiteral(
            "saving writes the Fn::Join list as one item per line of JSON (a line with an intrinsic function "
            "as a nested Fn::Join): a list split another way is rewritten"));
    QList<Placeholder> found = findPlaceholders(d.root, d.syntax, d.rawNames);
    for (Placeholder &p : found) {
        if (src.values.contains(p.name)) p.value = src.values.value(p.name);
        if (src.sources.contains(p.name)) p.source = src.sources.value(p.name);
    }
    d.placeholders = annotate(index, found);
    d.ok = true;
    return d;
}

QList<Placeholder> CfnTemplate::annotate(int index, QList<Placeholder> found) const
{
    const Machine &m = m_machines.at(index);
    const Json &params = m_tree[u"Parameters"];
    const Json &resources = m_tree[u"Resources"];
    for (Placeholder &p : found) {
        if (!p.source.isEmpty()) continue;
        if (const Json *v = m.substitutions.isObject() ? m.substitutions.find(p.name) : nullptr) {
            if (v->isObject()) {
                p.source = QStringLiteral("DefinitionSubstitutions (%1, resolved by CloudFormation)")
                               .arg(v->isEmpty() ? QString() : v->members().first().key);
            } else {
                p.source = QStringLiteral("DefinitionSubstitutions");
                p.value = *v;
            }
        } else if (const Json *param = params.isObject() ? params.find(p.name) : nullptr) {
            p.source = QStringLiteral("template parameter");
            p.value = param->value(u"Default");
        } else if (p.name.startsWith(QLatin1String("AWS::"))) {
            p.source = QStringLiteral("pseudo parameter");
        } else if (resources.contains(p.name.section(QLatin1Char('.'), 0, 0))) {
            p.source = p.name.contains(QLatin1Char('.')) ? QStringLiteral("!GetAtt %1").arg(p.name)
                                                         : QStringLiteral("!Ref %1").arg(p.name);
        } else {
            p.source = QStringLiteral("not defined in the template");
        }
    }
    return found;
}

} // namespace sw::formats
