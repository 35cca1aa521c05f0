// The Choice editor's part of InspectorController: rules as condition trees (And/Or/Not over
// comparisons, or JSONata Conditions), flattened depth-first for the view, and their edits.
#include "inspectorcontroller.h"

#include "inspectorfields.h"

#include "asl/statemachine.h"
#include "edit/aslorder.h"
#include "edit/commands.h"
#include "edit/treeedit.h"
#include "expr/syntax.h"
#include "json/jsonreader.h"

namespace sw::gui {

using namespace inspector;

namespace {

// Members of a Choice rule that are not its condition.
bool isRuleExtra(const QString &key)
{
    return key == QLatin1String("Next") || key == QLatin1String("Comment") ||
           key == QLatin1String("Assign") || key == QLatin1String("Output");
}

QString comparisonOpOf(const Json &cond)
{
    for (const JsonMember &m : cond.members()) {
        bool isPath = false;
        if (asl::comparisonOpFromString(m.key, &isPath) != asl::ComparisonOp::None) return m.key;
    }
    return {};
}
Json newComparison()
{
    return Json{{QStringLiteral("Variable"), QStringLiteral("$.value")},
                {QStringLiteral("BooleanEquals"), true}};
}

// Builds the operand of a comparison from its text, by the operator's type.
Json parseOperand(const QString &op, const QString &text, QString *error)
{
    error->clear();
    bool isPath = false;
    const asl::ComparisonOp o = asl::comparisonOpFromString(op, &isPath);
    if (o == asl::ComparisonOp::None) {
        *error = QStringLiteral("unknown operator %1").arg(op);
        return Json();
    }
    if (isPath) {
        QString e;
        if (!expr::isValidPath(text, &e)) {
            *error = e.isEmpty() ? QStringLiteral("not a valid path") : e;
            return Json();
        }
        return Json(text);
    }
    if (op.startsWith(QLatin1String("String")) || op.startsWith(QLatin1String("Timestamp")))
        return Json(text);
    if (op.startsWith(QLatin1String("Numeric"))) {
        const JsonReader::Result r = JsonReader::parse(text.trimmed().toUtf8());
        if (!r.ok || !r.value.isNumber()) {
            *error = QStringLiteral("a number");
            return Json();
        }
        return r.value;
    }
    // BooleanEquals and the Is... tests take true or false.
    if (text.trimmed() == QLatin1String("true")) return Json(true);
    if (text.trimmed() == QLatin1String("false")) return Json(false);
    *error = QStringLiteral("true or false");
    return Json();
}

// The object at `path` with its condition replaced by `condition` (rule members stay in place).
Json withCondition(const Json &current, const Json &condition)
{
    Json out = Json::object();
    bool placed = false;
    for (const JsonMember &m : current.members()) {
        if (isRuleExtra(m.key)) {
            out.insert(m.key, m.value);
        } else if (!placed) {
            for (const JsonMember &c : condition.members())
                out.insert(c.key, c.value);
            placed = true;
        }
    }
    if (!placed) {
        // Only rule members so far (unusual): the condition goes before Next.
        for (const JsonMember &c : condition.members())
            edit::setMember(out, c.key, c.value, edit::ObjectKind::ChoiceRule);
    }
    return out;
}

Json conditionOf(const Json &obj)
{
    Json out = Json::object();
    for (const JsonMember &m : obj.members()) {
        if (!isRuleExtra(m.key)) out.insert(m.key, m.value);
    }
    return out;
}

void flattenCondition(const Json &cond, const QString &path, int rule, int depth, QList<QVariantMap> &rows)
{
    QVariantMap row{{QStringLiteral("key"), path},
                    {QStringLiteral("rule"), rule},
                    {QStringLiteral("depth"), depth},
                    {QStringLiteral("isRule"), depth == 0},
                    {QStringLiteral("next"), depth == 0 ? cond.value(u"Next").toString() : QString()},
                    {QStringLiteral("comment"), cond.value(u"Comment").toString()},
                    {QStringLiteral("variable"), QString()},
                    {QStringLiteral("op"), QString()},
                    {QStringLiteral("operand"), QString()},
                    {QStringLiteral("condition"), QString()},
                    {QStringLiteral("count"), 0}};
    for (const char *logic : {"And", "Or"}) {
        const Json *items = cond.find(QString::fromLatin1(logic));
        if (!items || !items->isArray()) continue;
        row.insert(QStringLiteral("kind"), QString::fromLatin1(logic));
        row.insert(QStringLiteral("count"), int(items->size()));
        rows.append(row);
        for (qsizetype i = 0; i < items->size(); ++i)
            flattenCondition(items->at(i),
                             jsonpointer::append(jsonpointer::append(path, QString::fromLatin1(logic)), i),
                             rule, depth + 1, rows);
        return;
    }
    if (const Json *n = cond.find(u"Not"); n && n->isObject()) {
        row.insert(QStringLiteral("kind"), QStringLiteral("Not"));
        rows.append(row);
        flattenCondition(*n, path + QStringLiteral("/Not"), rule, depth + 1, rows);
        return;
    }
    if (const Json *c = cond.find(u"Condition")) {
        row.insert(QStringLiteral("kind"), QStringLiteral("Condition"));
        row.insert(QStringLiteral("condition"), inlineText(*c));
        rows.append(row);
        return;
    }
    const QString op = comparisonOpOf(cond);
    row.insert(QStringLiteral("kind"), QStringLiteral("Comparison"));
    row.insert(QStringLiteral("variable"), cond.value(u"Variable").toString());
    row.insert(QStringLiteral("op"), op);
    row.insert(QStringLiteral("operand"), op.isEmpty() ? QString() : inlineText(cond.value(op)));
    rows.append(row);
}
} // namespace

void inspector::flattenChoiceRules(const Json &choices, QList<QVariantMap> &rows)
{
    for (qsizetype i = 0; i < choices.size(); ++i)
        flattenCondition(choices.at(i), jsonpointer::append(QStringLiteral("/Choices"), i), int(i), 0, rows);
}

bool InspectorController::setRuleNext(int rule, const QString &target)
{
    if (!siblings().contains(target)) {
        setError(QStringLiteral("No state \"%1\" in this machine").arg(target));
        return false;
    }
    return setMember(QStringLiteral("/Choices/%1/Next").arg(rule), Json(target));
}

bool InspectorController::setDefault(const QString &target)
{
    if (!target.isEmpty() && !siblings().contains(target)) {
        setError(QStringLiteral("No state \"%1\" in this machine").arg(target));
        return false;
    }
    if (target == defaultState()) return true;
    return setMember(QStringLiteral("/Default"), target.isEmpty() ? Json() : Json(target));
}

bool InspectorController::addRule()
{
    QString target = defaultState();
    for (const QString &n : siblings()) {
        if (target.isEmpty() && n != stateName()) target = n;
    }
    Json rule = isJsonata()
                    ? Json{{QStringLiteral("Condition"), QStringLiteral("{% $states.input.value = true %}")}}
                    : newComparison();
    rule.insert(QStringLiteral("Next"), target);
    return push(
        new edit::InsertRowCommand(m_document->document(), m_stateId, QStringLiteral("/Choices"), -1, rule));
}

bool InspectorController::removeRule(int rule)
{
    return push(
        new edit::RemoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Choices"), rule));
}

bool InspectorController::moveRule(int from, int to)
{
    return push(
        new edit::MoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Choices"), from, to));
}

QString InspectorController::checkComparison(const QString &variable, const QString &op,
                                             const QString &operand) const
{
    QString error;
    if (!expr::isValidPath(variable, &error))
        return QStringLiteral("Variable: %1")
            .arg(error.isEmpty() ? QStringLiteral("not a valid path") : error);
    parseOperand(op, operand, &error);
    return error.isEmpty() ? QString() : QStringLiteral("%1: %2").arg(op, error);
}

bool InspectorController::setComparison(const QString &path, const QString &variable, const QString &op,
                                        const QString &operand)
{
    if (const QString e = checkComparison(variable, op, operand); !e.isEmpty()) {
        setError(e);
        return false;
    }
    const Json *current = state() ? edit::valueAt(*state(), path) : nullptr;
    if (!current || !current->isObject()) return false;
    QString error;
    const Json value = parseOperand(op, operand, &error);
    Json obj = *current;
    edit::setMember(obj, QStringLiteral("Variable"), Json(variable), edit::objectKindInState(path));
    const QString oldOp = comparisonOpOf(obj);
    if (oldOp == op && obj.value(op) == value) {
        if (obj.identical(*current)) return true;
    } else {
        edit::replaceMember(obj, oldOp.isEmpty() ? QStringView(op) : QStringView(oldOp), op, value,
                            edit::objectKindInState(path));
    }
    return setMember(path, obj);
}

QString InspectorController::checkCondition(const QString &expression) const
{
    const QString t = expression.trimmed();
    if (!t.startsWith(QLatin1String("{%")) || !t.endsWith(QLatin1String("%}")))
        return QStringLiteral("a JSONata expression written as {% ... %}");
    return checkJsonataString(t);
}

bool InspectorController::setCondition(const QString &path, const QString &expression)
{
    if (const QString e = checkCondition(expression); !e.isEmpty()) {
        setError(QStringLiteral("Condition: %1").arg(e));
        return false;
    }
    const QString rel = path + QStringLiteral("/Condition");
    const Json *current = state() ? edit::valueAt(*state(), rel) : nullptr;
    if (current && current->toString() == expression) return true;
    return setMember(rel, Json(expression));
}

bool InspectorController::setLogic(const QString &path, const QString &logic)
{
    const Json *current = state() ? edit::valueAt(*state(), path) : nullptr;
    if (!current || !current->isObject()) return false;
    const Json cond = conditionOf(*current);
    Json next;
    const QString have = cond.contains(u"And")   ? QStringLiteral("And")
                         : cond.contains(u"Or")  ? QStringLiteral("Or")
                         : cond.contains(u"Not") ? QStringLiteral("Not")
                                                 : QStringLiteral("Comparison");
    if (have == logic) return true;
    if (logic == QLatin1String("And") || logic == QLatin1String("Or")) {
        if (have == QLatin1String("And") || have == QLatin1String("Or")) {
            next = Json{{logic, cond.value(have)}};
        } else {
            next = Json{{logic, Json::array({cond, newComparison()})}};
        }
    } else if (logic == QLatin1String("Not")) {
        next = Json{{QStringLiteral("Not"), cond}};
    } else if (logic == QLatin1String("Comparison")) {
        if (have == QLatin1String("Not"))
            next = cond.value(u"Not");
        else
            next = cond.value(have).size() > 0 ? cond.value(have).at(0) : newComparison();
        next = conditionOf(next);
    } else {
        setError(QStringLiteral("unknown condition kind %1").arg(logic));
        return false;
    }
    return setMember(path, withCondition(*current, next));
}

bool InspectorController::addOperand(const QString &path)
{
    const Json *current = state() ? edit::valueAt(*state(), path) : nullptr;
    if (!current) return false;
    const QString list = current->contains(u"And") ? QStringLiteral("/And") : QStringLiteral("/Or");
    if (!current->contains(u"And") && !current->contains(u"Or")) return false;
    return push(
        new edit::InsertRowCommand(m_document->document(), m_stateId, path + list, -1, newComparison()));
}

bool InspectorController::removeOperand(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    bool ok = false;
    const int index = path.mid(slash + 1).toInt(&ok);
    if (slash <= 0 || !ok) return false;
    return push(new edit::RemoveRowCommand(m_document->document(), m_stateId, path.left(slash), index));
}

} // namespace sw::gui
