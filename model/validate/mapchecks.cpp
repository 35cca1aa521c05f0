#include "checks.h"

#include "expressions.h"

namespace sw::validate {

namespace {

asl::QueryLanguage languageOf(const Fields &f)
{
    return f.isJsonata() ? asl::QueryLanguage::JSONata : asl::QueryLanguage::JSONPath;
}

// Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter.
void checkInvocationPayload(Reporter &r, const Fields &f)
{
    if (f.isJsonata()) {
        if (const Json *v = f.get(u"Arguments")) checkJsonataStrings(r, *v, f.ptr(u"Arguments"));
    } else if (const Json *v = f.get(u"Parameters")) {
        checkPayloadTemplate(r, *v, f.ptr(u"Parameters"));
    }
}

void checkItemReader(Reporter &r, const Fields &map)
{
    const Json *v = map.get(u"ItemReader");
    if (!v || !map.object(u"ItemReader")) return;
    const Fields f(r, *v, map.ptr(u"ItemReader"), languageOf(map));
    f.onlyKnown({QStringLiteral("Resource"), QStringLiteral("ReaderConfig"),
                 f.isJsonata() ? QStringLiteral("Arguments") : QStringLiteral("Parameters")},
                QStringLiteral(" in an ItemReader"));
    if (f.require(u"Resource")) checkResource(r, f, false, false);
    checkInvocationPayload(r, f);
    const Json *config = f.get(u"ReaderConfig");
    if (!config || !f.object(u"ReaderConfig")) return;
    // ReaderConfig grows with new input types (CSV, JSONL, Parquet, manifests...): only the fields
    // with known constraints are checked, unknown ones are left to the service.
    const Fields c(r, *config, f.ptr(u"ReaderConfig"), languageOf(map));
    c.exclusive({u"MaxItems", u"MaxItemsPath"});
    c.integer(u"MaxItems", 1, 100000000);
    if (c.isJsonata() && c.has(u"MaxItemsPath"))
        c.fail(
            u"MaxItemsPath",
            QStringLiteral("The field \"MaxItemsPath\" is not supported by Step Functions in a state whose "
                           "QueryLanguage is JSONata (it is a JSONPath field)"));
    else
        c.path(u"MaxItemsPath", PathKind::Reference);
}

void checkItemBatcher(Reporter &r, const Fields &map)
{
    const Json *v = map.get(u"ItemBatcher");
    if (!v || !map.object(u"ItemBatcher")) return;
    const Fields f(r, *v, map.ptr(u"ItemBatcher"), languageOf(map));
    QStringList allowed{QStringLiteral("MaxItemsPerBatch"), QStringLiteral("MaxInputBytesPerBatch"),
                        QStringLiteral("BatchInput")};
    if (!f.isJsonata())
        allowed << QStringLiteral("MaxItemsPerBatchPath") << QStringLiteral("MaxInputBytesPerBatchPath");
    f.onlyKnown(allowed, QStringLiteral(" in an ItemBatcher"));
    f.exclusive({u"MaxItemsPerBatch", u"MaxItemsPerBatchPath"});
    f.exclusive({u"MaxInputBytesPerBatch", u"MaxInputBytesPerBatchPath"});
    f.integer(u"MaxItemsPerBatch", 1);
    f.integer(u"MaxInputBytesPerBatch", 1, 262144);
    f.path(u"MaxItemsPerBatchPath", PathKind::Reference);
    f.path(u"MaxInputBytesPerBatchPath", PathKind::Reference);
    if (const Json *b = f.get(u"BatchInput")) {
        if (f.isJsonata())
            checkJsonataStrings(r, *b, f.ptr(u"BatchInput"));
        else
            checkPayloadTemplate(r, *b, f.ptr(u"BatchInput"));
    }
}

void checkResultWriter(Reporter &r, const Fields &map)
{
    const Json *v = map.get(u"ResultWriter");
    if (!v || !map.object(u"ResultWriter")) return;
    const Fields f(r, *v, map.ptr(u"ResultWriter"), languageOf(map));
    f.onlyKnown({QStringLiteral("Resource"), QStringLiteral("WriterConfig"),
                 f.isJsonata() ? QStringLiteral("Arguments") : QStringLiteral("Parameters")},
                QStringLiteral(" in a ResultWriter"));
    if (f.has(u"Resource"))
        checkResource(r, f, false, false);
    else if (!f.has(u"WriterConfig"))
        f.require(u"Resource");
    f.object(u"WriterConfig");
    checkInvocationPayload(r, f);
}

} // namespace

void checkMapFields(Reporter &r, const asl::State &s, const Fields &f)
{
    Q_UNUSED(s);
    f.object(u"ItemProcessor");
    f.object(u"Iterator");
    f.path(u"ItemsPath", PathKind::Reference);
    f.expressionOr(u"Items", Json::Type::Array, QStringLiteral("an array"));
    f.integer(u"MaxConcurrency", 0);
    f.path(u"MaxConcurrencyPath", PathKind::Reference);
    f.number(u"ToleratedFailurePercentage", 0, 100);
    f.path(u"ToleratedFailurePercentagePath", PathKind::Reference);
    f.integer(u"ToleratedFailureCount", 0);
    f.path(u"ToleratedFailureCountPath", PathKind::Reference);
    if (f.string(u"Label") && f.has(u"Label") && codePointCount(f.get(u"Label")->stringRef()) > 40)
        f.mustBe(u"Label", QStringLiteral("a string of at most 40 characters"));
    checkItemReader(r, f);
    checkItemBatcher(r, f);
    checkResultWriter(r, f);
}

} // namespace sw::validate
