#include "syntax.h"

#include "intrinsics.h"
#include "jsonpath.h"

namespace sw::expr {

namespace {

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool looksLikeIntrinsicCall(QStringView text)
{
    return text.startsWith(u"States.");
}

bool isValidPath(QStringView text, QString *error)
{
    QString reason;
    if (!JsonPath::parse(text, &reason))
        return setError(error, reason);
    return true;
}

bool isValidReferencePath(QStringView text, QString *error)
{
    QString reason;
    const auto path = JsonPath::parse(text, &reason);
    if (!path)
        return setError(error, reason);
    if (!path->isReferencePath())
        return setError(error, QStringLiteral("'%1' is not a reference path: only '.name', \"['name']\" and '[n]' steps are allowed")
                                   .arg(text.trimmed().toString()));
    return true;
}

bool isValidResultPath(QStringView text, QString *error)
{
    if (!isValidReferencePath(text, error))
        return false;
    const auto path = JsonPath::parse(text);
    if (path->root() != JsonPath::Root::Input)
        return setError(error, QStringLiteral("'%1' must start with '$.': a ResultPath cannot refer to the context object or a variable")
                                   .arg(text.trimmed().toString()));
    return true;
}

bool isValidIntrinsicCall(QStringView text, QString *error)
{
    QString reason;
    if (!parseIntrinsic(text, &reason))
        return setError(error, reason);
    return true;
}

bool isValidPathOrIntrinsic(QStringView text, QString *error)
{
    if (looksLikeIntrinsicCall(text))
        return isValidIntrinsicCall(text, error);
    return isValidPath(text, error);
}

} // namespace sw::expr
