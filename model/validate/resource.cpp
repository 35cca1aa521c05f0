#include "checks.h"

#include <QRegularExpression>

namespace sw::validate {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression re(QStringLiteral("[$#]\\{[^{}]+\\}"));
    return re;
}

bool isLambdaName(QStringView s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return re.match(s).hasMatch();
}

bool isLambdaQualifier(QStringView s)
{
    static const QRegularExpression re(QStringLiteral("^(\\$LATEST|[A-Za-z0-9_-]{1,128})$"));
    return re.match(s).hasMatch();
}

// arn:partition:service:region:account:resource. Placeholders were replaced by a neutral word.
bool isValidArn(const QString &arn)
{
    const QStringList parts = arn.split(QLatin1Char(':'));
    if (parts.size() < 6 || parts.at(1).isEmpty() || parts.at(2).isEmpty()) return false;
    const QString &service = parts.at(2);
    if (service == QLatin1String("lambda")) {
        // arn:aws:lambda:region:account:function:NAME[:QUALIFIER]
        if (parts.at(5) != QLatin1String("function") || parts.size() < 7 || parts.size() > 8) return false;
        if (!isLambdaName(parts.at(6))) return false;
        return parts.size() == 7 || isLambdaQualifier(parts.at(7));
    }
    QStringList resource = parts.mid(5);
    return !resource.join(QLatin1Char(':')).isEmpty();
}

bool isUri(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$"));
    return re.match(text).hasMatch();
}

} // namespace

bool containsPlaceholder(QStringView text)
{
    return placeholderPattern().match(text).hasMatch();
}

bool isCloudFormationIntrinsic(const Json &value)
{
    if (!value.isObject() || value.size() != 1) return false;
    const QString &key = value.members().first().key;
    return key == QLatin1String("Ref") || key.startsWith(QLatin1String("Fn::"));
}

void checkResource(Reporter &r, const Fields &f, bool isTask, bool expressScope)
{
    const Json *v = f.get(u"Resource");
    if (!v || isCloudFormationIntrinsic(*v)) return;
    if (!v->isString()) {
        f.mustBe(u"Resource", QStringLiteral("a string"));
        return;
    }
    const QString &text = v->stringRef();
    QString resolved = text;
    resolved.replace(placeholderPattern(), QStringLiteral("placeholder"));
    const bool wholePlaceholder = resolved == QLatin1String("placeholder");
    if (!wholePlaceholder) {
        if (resolved.startsWith(QLatin1String("arn:"))) {
            if (!isValidArn(resolved)) {
                f.fail(u"Resource", QStringLiteral("Value is not a valid resource ARN"));
                return;
            }
        } else if (isUri(resolved)) {
            r.warning(code::InvalidResource, f.ptr(u"Resource"),
                      QStringLiteral(
                          "'%1' is a URI but not an ARN: the States Language allows it, AWS Step Functions "
                          "only runs ARNs")
                          .arg(text),
                      f.pos(u"Resource"));
        } else {
            f.fail(u"Resource", QStringLiteral("Value is not a valid resource ARN"));
            return;
        }
    }
    if (!isTask || !expressScope) return;
    static const QRegularExpression sync(QStringLiteral("\\.sync(:\\d+)?$"));
    if (sync.match(text).hasMatch())
        f.fail(u"Resource",
               QStringLiteral("Express state machine does not support '.sync' service integration"));
    else if (text.endsWith(QLatin1String(".waitForTaskToken")))
        f.fail(
            u"Resource",
            QStringLiteral("Express state machine does not support '.waitForTaskToken' service integration"));
    else if (resolved.startsWith(QLatin1String("arn:")) &&
             resolved.section(QLatin1Char(':'), 2, 2) == QLatin1String("states") &&
             resolved.section(QLatin1Char(':'), 5, 5) == QLatin1String("activity"))
        f.fail(u"Resource", QStringLiteral("Express state machine does not support activities"));
}

} // namespace sw::validate
