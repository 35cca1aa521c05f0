// The definition's undo commands (model/edit/commands.h): every command is pushed on a Document,
// its result compared with a hand-written expectation, then undone (the text and the pins must be
// byte-identical to before) and redone (identical to after). Structural edits must leave a valid
// definition valid (the validator runs after each). Expected texts below are written by hand from
// the ASL spec and the documented behaviour of each edit (operations.h), not from program output.
#include "shared.h"

#include "edit/commands.h"
#include "edit/document.h"
#include "edit/palette.h"
#include "edit/treeedit.h"
#include "validate/validator.h"
#include "json/jsonreader.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

using namespace sw;
using namespace sw::edit;

namespace {

const QByteArray kFixture = R"({
  "Comment": "fixture",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [
        {
          "ErrorEquals": [
            "States.TaskFailed"
          ],
          "IntervalSeconds": 2,
          "MaxAttempts": 3,
          "BackoffRate": 2.0
        }
      ],
      "Catch": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "Next": "Handle"
        }
      ],
      "Next": "B"
    },
    "B": {
      "Type": "Choice",
      "Choices": [
        {
          "Variable": "$.x",
          "NumericEquals": 1,
          "Next": "C"
        }
      ],
      "Default": "D"
    },
    "C": {
      "Type": "Pass",
      "Next": "D"
    },
    "D": {
      "Type": "Succeed"
    },
    "Handle": {
      "Type": "Fail",
      "Error": "Failed"
    }
  }
}
)";

QStringList errorsOf(const Document &doc)
{
    QStringList out;
    for (const Diagnostic &d : validate::validate(doc.positioned())) {
        if (d.isError()) out.append(d.code + QLatin1Char(' ') + d.pointer + QLatin1Char(' ') + d.message);
    }
    return out;
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

    Document m_doc;

    // Pushes `command`, checks undo restores the text and pins exactly and redo gives the same
    // result again. Returns the text after the edit.
    QByteArray apply(EditCommand *command, bool expectValid = true)
    {
        const QByteArray before = m_doc.text();
        const Pins pinsBefore = m_doc.pins();
        const int index = m_doc.undoStack()->index();
        const QString error = m_doc.push(command);
        if (!error.isEmpty()) {
            qWarning() << "refused:" << error;
            return {};
        }
        [&] { QCOMPARE(m_doc.undoStack()->index(), index + 1); }();
        const QByteArray after = m_doc.text();
        const Pins pinsAfter = m_doc.pins();
        [&] { QVERIFY(after != before || pinsAfter != pinsBefore); }();
        if (expectValid) [&] { QCOMPARE(errorsOf(m_doc), QStringList()); }();
        m_doc.undoStack()->undo();
        [&] { QCOMPARE(m_doc.text(), before); }();
        [&] { QCOMPARE(m_doc.pins(), pinsBefore); }();
        m_doc.undoStack()->redo();
        [&] { QCOMPARE(m_doc.text(), after); }();
        [&] { QCOMPARE(m_doc.pins(), pinsAfter); }();
        return after;
    }

    Json stateAt(const QString &pointer) const
    {
        const Json *v = valueAt(m_doc.root(), pointer);
        return v ? *v : Json();
    }

private slots:
    void init()
    {
        m_doc.loadText(kFixture);
        QVERIFY(m_doc.isParsed());
        QCOMPARE(m_doc.text(), kFixture); // the fixture is in the writer's format
        QCOMPARE(errorsOf(m_doc), QStringList());
    }

    void addStateAfter()
    {
        // Inserted into the flow after C: C -> X -> D.
        const Json pass{{QStringLiteral("Type"), QStringLiteral("Pass")}, {QStringLiteral("End"), true}};
        const QByteArray after = apply(
            new AddStateCommand(&m_doc, QString(), QStringLiteral("X"), pass, QStringLiteral("/States/C")));
        QVERIFY(!after.isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/C")).value(u"Next").toString(), QStringLiteral("X"));
        const Json x = stateAt(QStringLiteral("/States/X"));
        QCOMPARE(x.keys(), QStringList({QStringLiteral("Type"), QStringLiteral("Next")}));
        QCOMPARE(x.value(u"Next").toString(), QStringLiteral("D"));
        QCOMPARE(m_doc.root().value(u"States").keys(), QStringList({"A", "B", "C", "X", "D", "Handle"}));
        // Everything else is byte-for-byte as it was: exactly the lines of C's Next and X differ.
        QVERIFY(after.contains("    \"C\": {\n      \"Type\": \"Pass\",\n      \"Next\": \"X\"\n    },\n"
                               "    \"X\": {\n      \"Type\": \"Pass\",\n      \"Next\": \"D\"\n    },\n"));
    }

    void addStateNameIsMadeUnique()
    {
        const Json pass{{QStringLiteral("Type"), QStringLiteral("Pass")}, {QStringLiteral("End"), true}};
        auto *cmd = new AddStateCommand(&m_doc, QString(), QStringLiteral("C"), pass);
        QCOMPARE(cmd->createdStates(), QStringList({QStringLiteral("/States/C (2)")}));
        QVERIFY(!apply(cmd, false).isEmpty()); // unreachable: valid JSON, the validator says so
        QCOMPARE(stateAt(QStringLiteral("/States/C (2)")).value(u"Type").toString(), QStringLiteral("Pass"));
    }

    void addFromPalette_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("jsonata");
        for (const PaletteItem &item : Palette::builtIn().items()) {
            QTest::newRow(qPrintable(item.id + QStringLiteral("/jsonpath"))) << item.id << false;
            QTest::newRow(qPrintable(item.id + QStringLiteral("/jsonata"))) << item.id << true;
        }
    }

    void addFromPalette()
    {
        QFETCH(QString, id);
        QFETCH(bool, jsonata);
        const Palette &palette = Palette::builtIn();
        const PaletteItem *item = palette.find(id);
        QVERIFY(item);
        if (jsonata) {
            m_doc.loadText(
                R"({"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}})");
        } else {
            m_doc.loadText(R"({"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}})");
        }
        const Json state = palette.state(*item, jsonata);
        QCOMPARE(state.value(u"Type").toString(), item->type);
        // Inserted after C, so the skeleton must be valid where it lands (a Choice needs a rule
        // first, which connecting adds: it is checked without the validator).
        const bool choice = item->type == QLatin1String("Choice");
        QVERIFY(!apply(new AddStateCommand(&m_doc, QString(), item->name, state, QStringLiteral("/States/C")),
                       !choice)
                     .isEmpty());
        const Json added = stateAt(statePointer(QString(), item->name));
        QCOMPARE(added.value(u"Type").toString(), item->type);
        QCOMPARE(added.contains(jsonata ? u"Parameters" : u"Arguments"), false);
        QCOMPARE(added.value(u"Type").toString() == QLatin1String("Task"),
                 added.contains(jsonata ? u"Arguments" : u"Parameters"));
        if (item->type == QLatin1String("Task"))
            QCOMPARE(added.value(u"Resource").toString(), item->resource);
    }

    void paletteCatalogue()
    {
        // The eight state types and the integrations the issue lists, with AWS's resource ARNs.
        const QStringList types{"Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Task"};
        QSet<QString> seen;
        QSet<QString> resources;
        for (const PaletteItem &i : Palette::builtIn().items()) {
            seen.insert(i.type);
            resources.insert(i.resource);
        }
        for (const QString &t : types)
            QVERIFY2(seen.contains(t), qPrintable(t));
        for (const char *arn :
             {"arn:aws:states:::lambda:invoke", "arn:aws:states:::ecs:runTask.sync",
              "arn:aws:states:::sns:publish", "arn:aws:states:::sqs:sendMessage",
              "arn:aws:states:::dynamodb:getItem", "arn:aws:states:::dynamodb:putItem",
              "arn:aws:states:::dynamodb:updateItem", "arn:aws:states:::states:startExecution.sync",
              "arn:aws:states:::batch:submitJob.sync", "arn:aws:states:::glue:startJobRun.sync",
              "arn:aws:states:::sagemaker:createTrainingJob.sync", "arn:aws:states:::events:putEvents",
              "arn:aws:states:::http:invoke"})
            QVERIFY2(resources.contains(QString::fromLatin1(arn)), arn);
        QString error;
        QVERIFY(Palette::fromJson("{\"stepwise\": \"palette\", \"items\": [{\"id\": \"x\"}]}", &error)
                    .items()
                    .isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void removeReconnects()
    {
        // C has one predecessor (the Choice rule) and one successor (D): the rule now goes to D.
        m_doc.setPins(
            {{QStringLiteral("/States/C"), QPointF(1, 2)}, {QStringLiteral("/States/D"), QPointF(3, 4)}});
        const QByteArray after = apply(new RemoveStatesCommand(&m_doc, {QStringLiteral("/States/C")}));
        QVERIFY(!after.isEmpty());
        QVERIFY(!m_doc.root().value(u"States").contains(u"C"));
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/B/Choices/0/Next").toString(),
                 QStringLiteral("D"));
        QCOMPARE(m_doc.pins().keys(), QList<QString>({QStringLiteral("/States/D")})); // C's pin went with it
    }

    void removeChainAndStart()
    {
        // A is the start: StartAt follows its Next (B).
        QVERIFY(!apply(new RemoveStatesCommand(&m_doc, {QStringLiteral("/States/A")}), false).isEmpty());
        QCOMPARE(m_doc.root().value(u"StartAt").toString(), QStringLiteral("B"));
        // Handle was reached only by A's Catch: the one finding is that it is unreachable.
        const QStringList errors = errorsOf(m_doc);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("/States/Handle")) &&
                     errors.first().contains(QStringLiteral("reachable")),
                 qPrintable(errors.first()));
    }

    void removeDropsCatchAndDefault()
    {
        // Handle is only reached by A's Catch row; a Fail has no Next, so the row goes (and the
        // Catch member with its last row).
        QVERIFY(!apply(new RemoveStatesCommand(&m_doc, {QStringLiteral("/States/Handle")})).isEmpty());
        QVERIFY(!stateAt(QStringLiteral("/States/A")).contains(u"Catch"));
        // D: C's Next becomes End and B's Default goes.
        QVERIFY(!apply(new RemoveStatesCommand(&m_doc, {QStringLiteral("/States/D")})).isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/C")).value(u"End").toBool(), true);
        QVERIFY(!stateAt(QStringLiteral("/States/C")).contains(u"Next"));
        QVERIFY(!stateAt(QStringLiteral("/States/B")).contains(u"Default"));
    }

    void removeRefusesEmptyMachine()
    {
        QVERIFY(!RemoveStatesCommand(&m_doc,
                                     {"/States/A", "/States/B", "/States/C", "/States/D", "/States/Handle"})
                     .error()
                     .isEmpty());
        m_doc.loadText(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}], "End": true}}})");
        QVERIFY(!RemoveStatesCommand(&m_doc, {QStringLiteral("/States/P/Branches/0/States/X")})
                     .error()
                     .isEmpty());
    }

    void renameEverywhere()
    {
        m_doc.setPins({{QStringLiteral("/States/D"), QPointF(5, 6)}});
        const QByteArray after =
            apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/D"), QStringLiteral("Done")));
        QByteArray expected = kFixture;
        expected.replace("\"Default\": \"D\"", "\"Default\": \"Done\"");
        expected.replace("\"Next\": \"D\"", "\"Next\": \"Done\"");
        expected.replace("    \"D\": {", "    \"Done\": {");
        QCOMPARE(after, expected);
        QCOMPARE(m_doc.pins().value(QStringLiteral("/States/Done")), QPointF(5, 6));
        QVERIFY(!m_doc.pins().contains(QStringLiteral("/States/D")));

        // StartAt, Catch and Choice rule targets too.
        QVERIFY(!apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/A"), QStringLiteral("First")))
                     .isEmpty());
        QCOMPARE(m_doc.root().value(u"StartAt").toString(), QStringLiteral("First"));
        QVERIFY(
            !apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/Handle"), QStringLiteral("Oops")))
                 .isEmpty());
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/First/Catch/0/Next").toString(),
                 QStringLiteral("Oops"));
        QVERIFY(!apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/C"), QStringLiteral("Third")))
                     .isEmpty());
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/B/Choices/0/Next").toString(),
                 QStringLiteral("Third"));
    }

    void renameRefused()
    {
        auto *cmd = new RenameStateCommand(&m_doc, QStringLiteral("/States/A"), QStringLiteral("B"));
        QVERIFY(!cmd->error().isEmpty());
        QVERIFY(!m_doc.push(cmd).isEmpty());
        QCOMPARE(m_doc.undoStack()->count(), 0);
        QVERIFY(!checkStateName(m_doc.root(), QStringLiteral("/States/A"), QString(81, QLatin1Char('x')))
                     .isEmpty());
        QVERIFY(!checkStateName(m_doc.root(), QStringLiteral("/States/A"), QStringLiteral(" A")).isEmpty());
        QVERIFY(checkStateName(m_doc.root(), QStringLiteral("/States/A"), QStringLiteral("A")).isEmpty());
    }

    void renameNested()
    {
        m_doc.loadText(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Succeed"}}}], "End": true}}})");
        m_doc.setPins({{QStringLiteral("/States/P/Branches/0/States/Y"), QPointF(1, 1)}});
        QVERIFY(!apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/P/Branches/0/States/Y"),
                                              QStringLiteral("Z")))
                     .isEmpty());
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/P/Branches/0/States/X/Next").toString(),
                 QStringLiteral("Z"));
        QVERIFY(m_doc.pins().contains(QStringLiteral("/States/P/Branches/0/States/Z")));
        // Renaming the Parallel moves the pins of the states inside it.
        QVERIFY(!apply(new RenameStateCommand(&m_doc, QStringLiteral("/States/P"), QStringLiteral("Fan")))
                     .isEmpty());
        QVERIFY(m_doc.pins().contains(QStringLiteral("/States/Fan/Branches/0/States/Z")));
    }

    void duplicate()
    {
        auto *cmd =
            new DuplicateStatesCommand(&m_doc, {QStringLiteral("/States/C"), QStringLiteral("/States/D")});
        QCOMPARE(cmd->createdStates(), QStringList({"/States/C (2)", "/States/D (2)"}));
        QVERIFY(!apply(cmd, false).isEmpty());
        // The copy of C goes to the copy of D (both pasted), not to the original.
        QCOMPARE(stateAt(QStringLiteral("/States/C (2)")).value(u"Next").toString(), QStringLiteral("D (2)"));
        QCOMPARE(stateAt(QStringLiteral("/States/C")).value(u"Next").toString(), QStringLiteral("D"));
    }

    void copyPasteBetweenFiles()
    {
        const QByteArray clip = copyStates(m_doc.root(), {QStringLiteral("/States/A")});
        const QByteArray expectedClip = R"({
  "A": {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "Retry": [
      {
        "ErrorEquals": [
          "States.TaskFailed"
        ],
        "IntervalSeconds": 2,
        "MaxAttempts": 3,
        "BackoffRate": 2.0
      }
    ],
    "Catch": [
      {
        "ErrorEquals": [
          "States.ALL"
        ],
        "Next": "Handle"
      }
    ],
    "Next": "B"
  }
}
)";
        QCOMPARE(clip, expectedClip);
        // Into another file that has neither B nor Handle: Next becomes End, the Catch row goes.
        m_doc.loadText(R"({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})");
        QVERIFY(!apply(new PasteStatesCommand(&m_doc, QString(), clip), false).isEmpty());
        const Json a = stateAt(QStringLiteral("/States/A"));
        QCOMPARE(a.value(u"End").toBool(), true);
        QVERIFY(!a.contains(u"Next"));
        QVERIFY(!a.contains(u"Catch"));
        QCOMPARE(a.value(u"Retry").at(0).value(u"BackoffRate").spelling(),
                 QStringLiteral("2.0")); // spelling kept
        // Pasting text that is not ASL is refused with a reason.
        auto *bad = new PasteStatesCommand(&m_doc, QString(), "hello");
        QVERIFY(!bad->error().isEmpty());
        delete bad;
    }

    void connectNextRuleCatch()
    {
        // Next: C -> Handle would be invalid only in reachability terms; C -> B is a loop, fine.
        QVERIFY(!apply(new ConnectCommand(&m_doc, QStringLiteral("/States/C"), QStringLiteral("/States/B"),
                                          false))
                     .isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/C")).value(u"Next").toString(), QStringLiteral("B"));
        // From a Choice: a new rule.
        QVERIFY(!apply(new ConnectCommand(&m_doc, QStringLiteral("/States/B"),
                                          QStringLiteral("/States/Handle"), false))
                     .isEmpty());
        const Json rules = stateAt(QStringLiteral("/States/B")).value(u"Choices");
        QCOMPARE(rules.size(), 2);
        QCOMPARE(rules.at(1).value(u"Next").toString(), QStringLiteral("Handle"));
        // Catch from a Task whose last row is States.ALL: the new row goes before it.
        QVERIFY(
            !apply(new ConnectCommand(&m_doc, QStringLiteral("/States/A"), QStringLiteral("/States/D"), true))
                 .isEmpty());
        const Json catches = stateAt(QStringLiteral("/States/A")).value(u"Catch");
        QCOMPARE(catches.size(), 2);
        QCOMPARE(catches.at(0).value(u"Next").toString(), QStringLiteral("D"));
        QCOMPARE(catches.at(0).value(u"ErrorEquals").at(0).toString(), QStringLiteral("States.TaskFailed"));
        QCOMPARE(catches.at(1).value(u"Next").toString(), QStringLiteral("Handle"));
        // Refused: from a Fail, a Catch from a Pass, across machines.
        QVERIFY(!ConnectCommand(&m_doc, QStringLiteral("/States/Handle"), QStringLiteral("/States/A"), false)
                     .error()
                     .isEmpty());
        QVERIFY(!ConnectCommand(&m_doc, QStringLiteral("/States/C"), QStringLiteral("/States/A"), true)
                     .error()
                     .isEmpty());
    }

    void connectReplacesEnd()
    {
        m_doc.loadText(
            R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Succeed"}}})");
        QVERIFY(!apply(new ConnectCommand(&m_doc, QStringLiteral("/States/A"), QStringLiteral("/States/B"),
                                          false))
                     .isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/A")).keys(), QStringList({"Type", "Next"}));
        QCOMPARE(errorsOf(m_doc), QStringList());
    }

    void retarget()
    {
        asl::EdgeId next{QString(), QStringLiteral("C"), asl::EdgeKind::Next, 0};
        QVERIFY(!apply(new RetargetEdgeCommand(&m_doc, next, QStringLiteral("Handle"))).isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/C")).value(u"Next").toString(), QStringLiteral("Handle"));
        asl::EdgeId rule{QString(), QStringLiteral("B"), asl::EdgeKind::ChoiceRule, 0};
        QVERIFY(!apply(new RetargetEdgeCommand(&m_doc, rule, QStringLiteral("D")), false).isEmpty());
        QCOMPARE(errorsOf(m_doc).size(), 1); // C is unreachable until the Default goes there
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/B/Choices/0/Next").toString(),
                 QStringLiteral("D"));
        asl::EdgeId def{QString(), QStringLiteral("B"), asl::EdgeKind::Default, 0};
        QVERIFY(!apply(new RetargetEdgeCommand(&m_doc, def, QStringLiteral("C"))).isEmpty());
        asl::EdgeId c{QString(), QStringLiteral("A"), asl::EdgeKind::Catch, 0};
        QVERIFY(!apply(new RetargetEdgeCommand(&m_doc, c, QStringLiteral("D"))).isEmpty());
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/A/Catch/0/Next").toString(),
                 QStringLiteral("D"));
        QVERIFY(!RetargetEdgeCommand(&m_doc, c, QStringLiteral("Nowhere")).error().isEmpty());
    }

    void wrapParallelAndMap()
    {
        m_doc.loadText(R"({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Next": "D"},
            "D": {"Type": "Succeed"}}})");
        m_doc.setPins({{QStringLiteral("/States/B"), QPointF(1, 1)}});
        auto *cmd = new WrapStatesCommand(&m_doc, {QStringLiteral("/States/B"), QStringLiteral("/States/C")},
                                          WrapKind::Parallel);
        QCOMPARE(cmd->createdStates(), QStringList({QStringLiteral("/States/Parallel")}));
        QVERIFY(!apply(cmd).isEmpty());
        QCOMPARE(m_doc.root().value(u"States").keys(), QStringList({"A", "Parallel", "D"}));
        QCOMPARE(stateAt(QStringLiteral("/States/A")).value(u"Next").toString(), QStringLiteral("Parallel"));
        const Json p = stateAt(QStringLiteral("/States/Parallel"));
        QCOMPARE(p.value(u"Next").toString(), QStringLiteral("D"));
        QCOMPARE(jsonpointer::resolve(p, u"/Branches/0/StartAt").toString(), QStringLiteral("B"));
        QCOMPARE(jsonpointer::resolve(p, u"/Branches/0/States/B/Next").toString(), QStringLiteral("C"));
        QCOMPARE(jsonpointer::resolve(p, u"/Branches/0/States/C/End").toBool(), true);
        QVERIFY(m_doc.pins().isEmpty());

        m_doc.undoStack()->undo();
        QVERIFY(
            !apply(new WrapStatesCommand(&m_doc, {QStringLiteral("/States/C")}, WrapKind::Map)).isEmpty());
        const Json m = stateAt(QStringLiteral("/States/Map"));
        QCOMPARE(jsonpointer::resolve(m, u"/ItemProcessor/ProcessorConfig/Mode").toString(),
                 QStringLiteral("INLINE"));
        QCOMPARE(jsonpointer::resolve(m, u"/ItemProcessor/StartAt").toString(), QStringLiteral("C"));
        QCOMPARE(stateAt(QStringLiteral("/States/B")).value(u"Next").toString(), QStringLiteral("Map"));
    }

    void wrapRefusesTwoExits()
    {
        // B (the Choice) leaves to C and D: two ways out.
        auto *cmd = new WrapStatesCommand(&m_doc, {QStringLiteral("/States/B")}, WrapKind::Parallel);
        QVERIFY(!cmd->error().isEmpty());
        delete cmd;
        // B and C: C goes to D like the Default, one way out; B's Default leads out of the branch,
        // so it goes to an added "done" Pass state that ends the branch.
        QVERIFY(
            !apply(new WrapStatesCommand(&m_doc, {QStringLiteral("/States/B"), QStringLiteral("/States/C")},
                                         WrapKind::Parallel))
                 .isEmpty());
        const Json p = stateAt(QStringLiteral("/States/Parallel"));
        QCOMPARE(p.value(u"Next").toString(), QStringLiteral("D"));
        QCOMPARE(jsonpointer::resolve(p, u"/Branches/0/States/B/Default").toString(),
                 QStringLiteral("Parallel done"));
        QCOMPARE(jsonpointer::resolve(p, u"/Branches/0/States/Parallel done/End").toBool(), true);
        QCOMPARE(stateAt(QStringLiteral("/States/A")).value(u"Next").toString(), QStringLiteral("Parallel"));
        m_doc.undoStack()->undo();
        auto *two = new WrapStatesCommand(&m_doc, {QStringLiteral("/States/A"), QStringLiteral("/States/C")},
                                          WrapKind::Parallel);
        QVERIFY(!two->error().isEmpty()); // A leads to B, C to D
        delete two;
    }

    void startAtAndEnd()
    {
        m_doc.loadText(
            R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}})");
        QVERIFY(!apply(new ToggleEndCommand(&m_doc, QStringLiteral("/States/A")), false).isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/A")).keys(), QStringList({"Type", "End"}));
        QVERIFY(!apply(new SetStartAtCommand(&m_doc, QString(), QStringLiteral("B")), false).isEmpty());
        QCOMPARE(m_doc.root().value(u"StartAt").toString(), QStringLiteral("B"));
        // End off: Next to the state after it in authored order; B is last: refused.
        QVERIFY(!ToggleEndCommand(&m_doc, QStringLiteral("/States/B")).error().isEmpty());
        QVERIFY(!apply(new ToggleEndCommand(&m_doc, QStringLiteral("/States/A")), false).isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/A")).value(u"Next").toString(), QStringLiteral("B"));
        QVERIFY(!SetStartAtCommand(&m_doc, QString(), QStringLiteral("Nope")).error().isEmpty());
    }

    void setFieldOneLine()
    {
        // Changing MaxAttempts rewrites that one line only.
        const QByteArray after = apply(new SetFieldCommand(&m_doc, QStringLiteral("/States/A"),
                                                           QStringLiteral("/Retry/0/MaxAttempts"), Json(5)));
        QByteArray expected = kFixture;
        expected.replace("\"MaxAttempts\": 3", "\"MaxAttempts\": 5");
        QCOMPARE(after, expected);
        // A new key goes to its canonical place (TimeoutSeconds before Retry), removing restores.
        QVERIFY(!apply(new SetFieldCommand(&m_doc, QStringLiteral("/States/A"),
                                           QStringLiteral("/TimeoutSeconds"), Json(30)))
                     .isEmpty());
        QCOMPARE(stateAt(QStringLiteral("/States/A")).keys(),
                 QStringList({"Type", "Resource", "TimeoutSeconds", "Retry", "Catch", "Next"}));
        QVERIFY(!apply(new SetFieldCommand(&m_doc, QStringLiteral("/States/A"),
                                           QStringLiteral("/TimeoutSeconds"), Json()))
                     .isEmpty());
        QCOMPARE(m_doc.text(), expected);
        // A field of the machine; a missing parent is refused.
        QVERIFY(!apply(new SetFieldCommand(&m_doc, QString(), QStringLiteral("/TimeoutSeconds"), Json(60)))
                     .isEmpty());
        QCOMPARE(m_doc.root().keys(), QStringList({"Comment", "TimeoutSeconds", "StartAt", "States"}));
        QVERIFY(!SetFieldCommand(&m_doc, QStringLiteral("/States/A"), QStringLiteral("/Nope/0/X"), Json(1))
                     .error()
                     .isEmpty());
    }

    void setFieldMergesTyping()
    {
        const QString a = QStringLiteral("/States/A");
        QVERIFY(
            m_doc.push(new SetFieldCommand(&m_doc, a, QStringLiteral("/Comment"), Json("h"), 7)).isEmpty());
        QVERIFY(
            m_doc.push(new SetFieldCommand(&m_doc, a, QStringLiteral("/Comment"), Json("hi"), 7)).isEmpty());
        QCOMPARE(m_doc.undoStack()->count(), 1); // one session, one step
        QVERIFY(
            m_doc.push(new SetFieldCommand(&m_doc, a, QStringLiteral("/Comment"), Json("hi!"), 8)).isEmpty());
        QCOMPARE(m_doc.undoStack()->count(), 2); // a new session
        m_doc.undoStack()->undo();
        m_doc.undoStack()->undo();
        QCOMPARE(m_doc.text(), kFixture);
        QVERIFY(!m_doc.isModified());
    }

    void rows()
    {
        const QString a = QStringLiteral("/States/A");
        const Json row{{QStringLiteral("ErrorEquals"), Json::array({Json("States.Timeout")})},
                       {QStringLiteral("MaxAttempts"), 1}};
        QVERIFY(!apply(new InsertRowCommand(&m_doc, a, QStringLiteral("/Retry"), -1, row)).isEmpty());
        QCOMPARE(stateAt(a).value(u"Retry").size(), 2);
        QVERIFY(!apply(new MoveRowCommand(&m_doc, a, QStringLiteral("/Retry"), 1, 0)).isEmpty());
        QCOMPARE(jsonpointer::resolve(m_doc.root(), u"/States/A/Retry/0/ErrorEquals/0").toString(),
                 QStringLiteral("States.Timeout"));
        QVERIFY(!apply(new RemoveRowCommand(&m_doc, a, QStringLiteral("/Retry"), 0)).isEmpty());
        QVERIFY(!apply(new RemoveRowCommand(&m_doc, a, QStringLiteral("/Retry"), 0)).isEmpty());
        QVERIFY(!stateAt(a).contains(u"Retry")); // gone with its last row
        // A Retry array on a state without one is created in canonical place (before Catch).
        QVERIFY(!apply(new InsertRowCommand(&m_doc, a, QStringLiteral("/Retry"), 0, row)).isEmpty());
        QCOMPARE(stateAt(a).keys(), QStringList({"Type", "Resource", "Retry", "Catch", "Next"}));
        QVERIFY(!RemoveRowCommand(&m_doc, a, QStringLiteral("/Retry"), 4).error().isEmpty());
    }

    void replaceText()
    {
        m_doc.setPins(
            {{QStringLiteral("/States/C"), QPointF(1, 1)}, {QStringLiteral("/States/D"), QPointF(2, 2)}});
        QByteArray edited = kFixture;
        edited.replace("\"Comment\": \"fixture\"", "\"Comment\": \"edited\"");
        const QByteArray after = apply(new ReplaceTextCommand(&m_doc, edited));
        QCOMPARE(after, edited);
        // Text that does not parse is refused with line and column.
        auto *bad = new ReplaceTextCommand(&m_doc, "{\n  \"StartAt\": \n}");
        QVERIFY(bad->error().startsWith(QStringLiteral("Line 3, column 1")));
        delete bad;
        // States deleted in the text lose their pins.
        QByteArray noC = R"({"StartAt": "D", "States": {"D": {"Type": "Succeed"}}})";
        QVERIFY(!apply(new ReplaceTextCommand(&m_doc, noC)).isEmpty());
        QCOMPARE(m_doc.pins().keys(), QList<QString>({QStringLiteral("/States/D")}));
    }

    // On every bundled example: renaming any state keeps the definition valid (and the text
    // identical after undo); deleting any state leaves no transition to a missing state, and the
    // only findings the validator may add are states no longer reachable. Deleting the last state of
    // a branch is refused.
    void renameAndDeleteKeepExamplesValid_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(sourceDir() + QStringLiteral("/resources/examples"));
        for (const QString &name : dir.entryList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void renameAndDeleteKeepExamplesValid()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_doc.loadText(f.readAll());
        // What a save writes (the writer's layout: agent-tool-call is not 2-space formatted).
        const QByteArray original = m_doc.text();
        QCOMPARE(errorsOf(m_doc), QStringList());
        QStringList pointers;
        const std::function<void(const Json &, const QString &)> walk = [&](const Json &machine,
                                                                            const QString &scope) {
            for (const JsonMember &m : machine.value(u"States").members()) {
                pointers.append(statePointer(scope, m.key));
                for (const QString &sub : nestedMachines(m.value))
                    walk(*valueAt(m.value, sub), statePointer(scope, m.key) + sub);
            }
        };
        walk(m_doc.root(), QString());
        QVERIFY(!pointers.isEmpty());
        for (const QString &p : pointers) {
            QVERIFY2(m_doc
                         .push(new RenameStateCommand(&m_doc, p,
                                                      splitStatePointer(p).name + QStringLiteral(" renamed")))
                         .isEmpty(),
                     qPrintable(p));
            QVERIFY2(errorsOf(m_doc).isEmpty(),
                     qPrintable(p + QLatin1Char(' ') + errorsOf(m_doc).join(QLatin1Char('\n'))));
            m_doc.undoStack()->undo();
            QCOMPARE(m_doc.text(), original);

            const QString scope = splitStatePointer(p).scope;
            if (valueAt(m_doc.root(), statesPointer(scope))->size() == 1) {
                // The last state of a branch or processor: refused, the Parallel or Map is what goes.
                QVERIFY2(!RemoveStatesCommand(&m_doc, {p}).error().isEmpty(), qPrintable(p));
                continue;
            }
            QVERIFY2(m_doc.push(new RemoveStatesCommand(&m_doc, {p})).isEmpty(), qPrintable(p));
            // Every transition left points at a state of its machine.
            const std::function<void(const Json &, const QString &)> check = [&](const Json &machine,
                                                                                 const QString &where) {
                const Json states = machine.value(u"States");
                for (const Reference &ref : referencesIn(machine))
                    QVERIFY2(states.contains(ref.target),
                             qPrintable(QStringLiteral("%1: %2 -> %3 after deleting %4")
                                            .arg(where, ref.from, ref.target, p)));
                for (const JsonMember &m : states.members()) {
                    for (const QString &sub : nestedMachines(m.value))
                        check(*valueAt(m.value, sub), m.key + sub);
                }
            };
            check(m_doc.root(), QStringLiteral("top level"));
            for (const QString &e : errorsOf(m_doc))
                QVERIFY2(e.contains(QStringLiteral("is not reachable")),
                         qPrintable(QStringLiteral("deleting %1: %2").arg(p, e)));
            m_doc.undoStack()->undo();
            QCOMPARE(m_doc.text(), original);
        }
    }

    void refusedOnInvalidJson()
    {
        m_doc.loadText("{ not json");
        QVERIFY(!AddStateCommand(&m_doc, QString(), QStringLiteral("X"), Json::object()).error().isEmpty());
        // The code view is how it gets fixed.
        QVERIFY(m_doc.push(new ReplaceTextCommand(&m_doc, kFixture)).isEmpty());
        QVERIFY(m_doc.isParsed());
        m_doc.undoStack()->undo();
        QCOMPARE(m_doc.text(), QByteArray("{ not json"));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
