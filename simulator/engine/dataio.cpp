#include "dataio.h"

#include "data/choice.h"
#include "data/dataflow.h"

namespace sw::sim::io {

JsonOutcome inputPath(const Json &path, const Json &input, const EvalContext &ctx)
{
    return applyInputPath(path, input, ctx);
}

JsonOutcome payload(const Json &tmpl, const Json &input, const EvalContext &ctx)
{
    return applyPayloadTemplate(tmpl, input, ctx);
}

JsonOutcome resultPath(const Json &path, const Json &stateInput, const Json &result)
{
    return applyResultPath(path, stateInput, result);
}

JsonOutcome outputPath(const Json &path, const Json &value, const EvalContext &ctx)
{
    return applyOutputPath(path, value, ctx);
}

JsonOutcome value(const QString &pathOrIntrinsic, const QString &field, const Json &input, const EvalContext &ctx)
{
    return evaluatePathOrIntrinsic(pathOrIntrinsic, field, input, ctx);
}

Outcome<bool> choice(const asl::ChoiceRule &rule, const Json &input, const EvalContext &ctx)
{
    return evaluateChoiceRule(rule, input, ctx);
}

} // namespace sw::sim::io
