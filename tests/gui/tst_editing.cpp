// Editing in the designer window, offscreen, driven through the QML like a user: select states by
// clicking them, add states from the palette, Shift-drag from a state's handle to add a Catch,
// type into the inspector's Retry table, undo and redo with the keyboard, rename with F2, save
// with Ctrl+S, and compare the saved bytes with expectations written by hand (not produced by the
// program). The acceptance check: changing one Retry's MaxAttempts of engagement-ml-pipeline in the
// inspector and saving changes exactly one line of the file.
#include "shared.h"

#include "diagramcontroller.h"
#include "diagramview.h"
#include "documentcontroller.h"
#include "editcontroller.h"
#include "edithistory.h"
#include "inspectorcontroller.h"
#include "scene.h"
#include "stateicons.h"
#include "json/jsonwriter.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The small definition the editing scenario starts from, and what the scenario must make of it:
// Pass added after A (taking over A's Next), Fail added at the end, a Catch row (States.ALL ->
// Fail, the default a Shift-drag adds) placed after Retry as ASL orders a state's fields, and the
// Retry row's IntervalSeconds typed as 5.
const QByteArray kStart = R"({
  "Comment": "editing test",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "f"
      },
      "Retry": [
        {
          "ErrorEquals": [
            "States.TaskFailed"
          ],
          "IntervalSeconds": 2,
          "MaxAttempts": 3
        }
      ],
      "Next": "B"
    },
    "B": {
      "Type": "Succeed"
    }
  }
}
)";

const QByteArray kExpected = R"({
  "Comment": "editing test",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "f"
      },
      "Retry": [
        {
          "ErrorEquals": [
            "States.TaskFailed"
          ],
          "IntervalSeconds": 5,
          "MaxAttempts": 3
        }
      ],
      "Catch": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "Next": "Fail"
        }
      ],
      "Next": "Pass"
    },
    "Pass": {
      "Type": "Pass",
      "Next": "B"
    },
    "B": {
      "Type": "Succeed"
    },
    "Fail": {
      "Type": "Fail",
      "Error": "ErrorName",
      "Cause": "What went wrong"
    }
  }
}
)";

} // namespace

class TestEditing : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    gui::DiagramController *m_diagram = nullptr;
    gui::DocumentController *m_doc = nullptr;
    gui::InspectorController *m_inspector = nullptr;
    gui::DiagramView *m_view = nullptr;

    bool settled() const { return m_diagram->isReady() && !m_diagram->isBusy() && m_view->isComplete(); }
    QPoint centreOf(const QString &id) const
    {
        const QRectF r = m_diagram->nodeRect(id);
        return m_view->mapToScene(r.center() * m_view->zoom()).toPoint();
    }
    // Items by objectName in the visual tree (delegates of views and repeaters included).
    static QQuickItem *findItem(QQuickItem *root, const QString &name)
    {
        if (root->objectName() == name) return root;
        for (QQuickItem *child : root->childItems()) {
            if (QQuickItem *found = findItem(child, name)) return found;
        }
        return nullptr;
    }
    QQuickItem *item(const QString &name) const { return findItem(m_window->contentItem(), name); }
    QPoint itemCentre(QQuickItem *i) const
    {
        return i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint();
    }
    // Clicks a state on the canvas (selects it and gives the canvas the keyboard).
    void clickState(const QString &id)
    {
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QVERIFY2(m_diagram->nodeRect(id).isValid(), qPrintable(id));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(id));
        QTRY_COMPARE(m_diagram->selection(), QStringList{id});
    }
    void typeText(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
    }
    // Types into an inspector editor as a user does: focus, replace its text, Enter.
    void typeInto(const QString &objectName, const QString &text)
    {
        QQuickItem *field = nullptr;
        QTRY_VERIFY((field = item(objectName)) != nullptr);
        QVERIFY(QMetaObject::invokeMethod(field, "forceActiveFocus"));
        QTRY_VERIFY(field->hasActiveFocus());
        QVERIFY(QMetaObject::invokeMethod(field, "selectAll"));
        typeText(text);
        QTest::keyClick(m_window, Qt::Key_Return);
    }
    void openFile(const QString &path)
    {
        QVERIFY(m_doc->open(path));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->property("diagramReady").toBool(), 20000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_editing"));
        QVERIFY(m_dir.isValid());
        const QString start = m_dir.filePath(QStringLiteral("start.asl.json"));
        QVERIFY(writeAll(start, kStart));
        m_engine = std::make_unique<QQmlApplicationEngine>();
        gui::setupEngine(*m_engine);
        m_engine->setInitialProperties({{QStringLiteral("initialFile"), start},
                                        {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                        {QStringLiteral("offerRecovery"), false},
                                        {QStringLiteral("width"), 1600},
                                        {QStringLiteral("height"), 1000}});
        m_engine->load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_diagram = m_window->findChild<gui::DiagramController *>();
        m_doc = m_window->findChild<gui::DocumentController *>();
        m_inspector = m_window->findChild<gui::InspectorController *>();
        m_view = m_window->findChild<gui::DiagramView *>(QStringLiteral("diagramView"));
        QVERIFY(m_diagram && m_doc && m_inspector && m_view);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->property("diagramReady").toBool(), 30000);
    }

    void addConnectEditUndoRedoSave()
    {
        const QString file = m_dir.filePath(QStringLiteral("flow.asl.json"));
        QVERIFY(writeAll(file, kStart));
        openFile(file);
        QVERIFY(!m_doc->isModified());

        // Add a Pass after A: select A, click the palette's Pass.
        clickState(QStringLiteral("/States/A"));
        QQuickItem *pass = item(QStringLiteral("palette.pass"));
        QVERIFY(pass);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, itemCentre(pass));
        QTRY_COMPARE(m_diagram->selection(), QStringList{QStringLiteral("/States/Pass")});
        QVERIFY(m_doc->isModified());
        QVERIFY(m_window->title().startsWith(QStringLiteral("\u2022 "))); // the modified marker

        // Add a Fail with nothing selected: it goes at the end of the machine.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        m_diagram->clearSelection();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, itemCentre(item(QStringLiteral("palette.fail"))));
        QTRY_COMPARE(m_diagram->selection(), QStringList{QStringLiteral("/States/Fail")});

        // Shift-drag from A's handle to Fail: a Catch row.
        clickState(QStringLiteral("/States/A"));
        QQuickItem *handle = item(QStringLiteral("connectHandle"));
        QVERIFY(handle);
        QTRY_VERIFY(handle->isVisible());
        const QPoint from = itemCentre(handle);
        const QPoint to = centreOf(QStringLiteral("/States/Fail"));
        QTest::mousePress(m_window, Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(m_window, (from + to) / 2);
        QTest::mouseMove(m_window, to);
        QTest::mouseRelease(m_window, Qt::LeftButton, Qt::ShiftModifier, to);
        QTRY_COMPARE(m_inspector->catchRows()->rowCount(), 1);
        QCOMPARE(m_inspector->catchRows()->get(0).value(QStringLiteral("next")).toString(),
                 QStringLiteral("Fail"));

        // Edit the Retry row in the inspector; the preview follows (5 s, 10 s, 20 s).
        typeInto(QStringLiteral("retry0.IntervalSeconds"), QStringLiteral("5"));
        QTRY_COMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("interval")).toString(),
                     QStringLiteral("5"));
        QCOMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("preview")).toString(),
                 QStringLiteral("retries after 5 s, 10 s, 20 s; gives up 35 s after the first failure; "
                                "up to 3 extra transitions"));

        // Undo (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y), from the canvas.
        clickState(QStringLiteral("/States/A"));
        QTest::keyClick(m_window, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("interval")).toString(),
                     QStringLiteral("2"));
        QTest::keyClick(m_window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("interval")).toString(),
                     QStringLiteral("5"));
        QTest::keyClick(m_window, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("interval")).toString(),
                     QStringLiteral("2"));
        QTest::keyClick(m_window, Qt::Key_Y, Qt::ControlModifier);
        QTRY_COMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("interval")).toString(),
                     QStringLiteral("5"));

        // The history shows the four edits and where the document is.
        auto *history = m_window->findChild<gui::UndoHistoryModel *>();
        QVERIFY(history);
        QAbstractItemModelTester tester(history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(history->rowCount(), 5);
        QCOMPARE(history->currentIndex(), 4);

        // Save (Ctrl+S): the file is exactly the hand-written expectation; not modified any more.
        QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!m_doc->isModified());
        QCOMPARE(readAll(file), kExpected);
        QVERIFY(!m_window->title().startsWith(QStringLiteral("\u2022 ")));
    }

    void keyboardRenameDeleteDuplicate()
    {
        const QString file = m_dir.filePath(QStringLiteral("keys.asl.json"));
        QVERIFY(writeAll(file, kExpected));
        openFile(file);

        // F2 renames (every reference follows: A's Next).
        clickState(QStringLiteral("/States/Pass"));
        QTest::keyClick(m_window, Qt::Key_F2);
        QQuickItem *field = nullptr;
        QTRY_VERIFY((field = item(QStringLiteral("renameField"))) && field->hasActiveFocus());
        typeText(QStringLiteral("Prepare"));
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE(m_diagram->selection(), QStringList{QStringLiteral("/States/Prepare")});
        QVERIFY(m_doc->document()->text().contains("\"Next\": \"Prepare\""));

        // Ctrl+D duplicates, Delete deletes (and the predecessor is reconnected: A -> B).
        clickState(QStringLiteral("/States/Prepare"));
        QTest::keyClick(m_window, Qt::Key_D, Qt::ControlModifier);
        QTRY_COMPARE(m_diagram->selection(), QStringList{QStringLiteral("/States/Prepare (2)")});
        clickState(QStringLiteral("/States/Prepare"));
        QTest::keyClick(m_window, Qt::Key_Delete);
        QTRY_VERIFY(!m_doc->document()->text().contains("\"Prepare\":"));
        QVERIFY(m_doc->document()->text().contains("\"Next\": \"B\""));
        QVERIFY(m_doc->isModified());
        // Undo three times: the file as it was.
        for (int i = 0; i < 3; ++i)
            m_doc->undo();
        QCOMPARE(m_doc->document()->text(), kExpected);
        QVERIFY(!m_doc->isModified());
    }

    void dragEdgeEndRetargets()
    {
        const QString file = m_dir.filePath(QStringLiteral("retarget.asl.json"));
        QVERIFY(writeAll(file, kExpected));
        openFile(file);
        // A's Next goes to Pass: drag its arrowhead onto B.
        QPointF tip;
        for (const layout::EdgeGeometry &e : m_diagram->scene()->geometry().edges) {
            if (e.id && e.id->from == QLatin1String("A") && e.id->kind == asl::EdgeKind::Next)
                tip = e.arrowTip;
        }
        QVERIFY(!tip.isNull());
        const QPoint from = m_view->mapToScene(tip * m_view->zoom()).toPoint();
        const QPoint to = centreOf(QStringLiteral("/States/B"));
        QTest::mousePress(m_window, Qt::LeftButton, {}, from);
        QTest::mouseMove(m_window, (from + to) / 2);
        QTest::mouseMove(m_window, to);
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, to);
        QTRY_COMPARE(jsonpointer::resolve(m_doc->document()->root(), u"/States/A/Next").toString(),
                     QStringLiteral("B"));
        QCOMPARE(m_doc->undoText(), QStringLiteral("Point Next of A to B"));
        m_doc->undo();
        QCOMPARE(m_doc->document()->text(), kExpected);
    }

    void codeViewAppliesWhenItParses()
    {
        const QString file = m_dir.filePath(QStringLiteral("code.asl.json"));
        QVERIFY(writeAll(file, kStart));
        openFile(file);
        QObject *tabs = item(QStringLiteral("sideTabs"));
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 1);
        QQuickItem *code = item(QStringLiteral("codeText"));
        QVERIFY(code);
        QCOMPARE(code->property("text").toString().toUtf8(), kStart);
        QVERIFY(QMetaObject::invokeMethod(code, "forceActiveFocus"));
        QTRY_VERIFY(code->hasActiveFocus());
        // Break the JSON: an error with line and column, the document unchanged.
        QByteArray broken = kStart;
        broken.replace("\"Comment\": \"editing test\",", "\"Comment\": \"editing test\"");
        code->setProperty("text", QString::fromUtf8(broken));
        auto *editor = m_window->findChild<gui::EditController *>();
        QVERIFY(editor);
        QTRY_VERIFY(!editor->codeError().isEmpty());
        QVERIFY2(item(QStringLiteral("codeError"))
                     ->property("text")
                     .toString()
                     .startsWith(QStringLiteral("Line 3, column 3")),
                 qPrintable(item(QStringLiteral("codeError"))->property("text").toString()));
        QCOMPARE(m_doc->document()->text(), kStart);
        // Fixed and changed: applied as one undo step.
        QByteArray changed = kStart;
        changed.replace("\"Comment\": \"editing test\"", "\"Comment\": \"edited in code\"");
        code->setProperty("text", QString::fromUtf8(changed));
        QTRY_COMPARE(m_doc->document()->text(), changed);
        QCOMPARE(m_doc->document()->undoStack()->count(), 1);
        tabs->setProperty("currentIndex", 0);
        m_doc->undo();
        QCOMPARE(m_doc->document()->text(), kStart);
        // The hidden view is not kept up to date (laying out a large text is costly); shown
        // again, it has the text as it now is.
        tabs->setProperty("currentIndex", 1);
        QTRY_COMPARE(code->property("text").toString().toUtf8(), kStart); // synced back
        // And while shown, an edit elsewhere replaces it at once.
        m_doc->redo();
        QTRY_COMPARE(code->property("text").toString().toUtf8(), changed);
        m_doc->undo();
        tabs->setProperty("currentIndex", 0);
    }

    void inspectorModels()
    {
        clickState(QStringLiteral("/States/A"));
        for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(m_inspector->fields()),
                                      static_cast<QAbstractItemModel *>(m_inspector->retryRows()),
                                      static_cast<QAbstractItemModel *>(m_inspector->catchRows()),
                                      static_cast<QAbstractItemModel *>(m_inspector->choiceRows())}) {
            QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QVERIFY(!QTest::currentTestFailed());
        }
        // A Task's groups: Resource under Configuration, Parameters under Input (JSONPath).
        QStringList keys;
        for (int i = 0; i < m_inspector->fields()->rowCount(); ++i)
            keys.append(m_inspector->fields()->get(i).value(QStringLiteral("key")).toString());
        QVERIFY(keys.contains(QStringLiteral("Resource")) && keys.contains(QStringLiteral("Parameters")));
        QVERIFY(!keys.contains(QStringLiteral("Arguments")));
        // Typing an invalid JSONPath is reported as you type and never applied.
        QVERIFY(!m_inspector->checkField(QStringLiteral("OutputPath"), QStringLiteral("$.a[")).isEmpty());
        QVERIFY(m_inspector->checkField(QStringLiteral("OutputPath"), QStringLiteral("$.a[0]")).isEmpty());
        QVERIFY(!m_inspector->checkField(QStringLiteral("Parameters"), QStringLiteral("{\"x.$\": \"$$$\"}"))
                     .isEmpty());
        QVERIFY(!m_inspector->setField(QStringLiteral("OutputPath"), QStringLiteral("$.a[")));
        QVERIFY(!m_inspector->lastError().isEmpty());
    }

    // The Choice editor's operations on tradai-backtest-full's EvaluateValidation (rules as written
    // in resources/examples), each checked against the JSON the ASL spec gives for it.
    void choiceEditor()
    {
        const QString file = m_dir.filePath(QStringLiteral("choice.asl.json"));
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"),
                            file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        openFile(file);
        const QByteArray original = m_doc->document()->text();
        clickState(QStringLiteral("/States/EvaluateValidation"));
        QCOMPARE(m_inspector->stateType(), QStringLiteral("Choice"));
        gui::InspectorRows *rows = m_inspector->choiceRows();
        // Rule 1 is an And of two comparisons, then two comparisons: 5 rows, depth-first.
        QCOMPARE(rows->rowCount(), 5);
        QCOMPARE(rows->get(0).value(QStringLiteral("kind")).toString(), QStringLiteral("And"));
        QCOMPARE(rows->get(1).value(QStringLiteral("key")).toString(), QStringLiteral("/Choices/0/And/0"));
        QCOMPARE(rows->get(1).value(QStringLiteral("depth")).toInt(), 1);
        QCOMPARE(rows->get(3).value(QStringLiteral("next")).toString(), QStringLiteral("FailValidation"));
        const auto at = [this](const char *pointer) {
            return QString::fromUtf8(JsonWriter::compact(
                jsonpointer::resolve(m_doc->document()->root(), QString::fromUtf8(pointer))));
        };

        // Operator and operand of rule 2: the operator member keeps its place (before Next).
        QVERIFY(m_inspector->setComparison(QStringLiteral("/Choices/1"),
                                           QStringLiteral("$.parallel_results.validation.valid"),
                                           QStringLiteral("IsPresent"), QStringLiteral("false")));
        QCOMPARE(
            at("/States/EvaluateValidation/Choices/1"),
            QStringLiteral(
                R"({"Variable":"$.parallel_results.validation.valid","IsPresent":false,"Next":"FailValidation"})"));
        // A wrong operand type is refused (NumericEquals needs a number).
        QVERIFY(!m_inspector
                     ->checkComparison(QStringLiteral("$.x"), QStringLiteral("NumericEquals"),
                                       QStringLiteral("abc"))
                     .isEmpty());
        QVERIFY(
            !m_inspector
                 ->checkComparison(QStringLiteral("$.x["), QStringLiteral("IsNull"), QStringLiteral("true"))
                 .isEmpty());
        // Not wraps the condition; Comparison unwraps it again.
        QVERIFY(m_inspector->setLogic(QStringLiteral("/Choices/2"), QStringLiteral("Not")));
        QCOMPARE(
            at("/States/EvaluateValidation/Choices/2"),
            QStringLiteral(
                R"({"Not":{"Variable":"$.parallel_results.freshness.all_fresh","BooleanEquals":false},"Next":"FailDataStale"})"));
        QVERIFY(m_inspector->setLogic(QStringLiteral("/Choices/2"), QStringLiteral("Comparison")));
        QCOMPARE(
            at("/States/EvaluateValidation/Choices/2"),
            QStringLiteral(
                R"({"Variable":"$.parallel_results.freshness.all_fresh","BooleanEquals":false,"Next":"FailDataStale"})"));
        // And -> Or keeps the operands; a third operand; removing it again.
        QVERIFY(m_inspector->setLogic(QStringLiteral("/Choices/0"), QStringLiteral("Or")));
        QCOMPARE(at("/States/EvaluateValidation/Choices/0/Or/1/Variable"),
                 QStringLiteral(R"("$.parallel_results.freshness.all_fresh")"));
        QVERIFY(m_inspector->addOperand(QStringLiteral("/Choices/0")));
        QCOMPARE(jsonpointer::resolve(m_doc->document()->root(), u"/States/EvaluateValidation/Choices/0/Or")
                     .size(),
                 3);
        QVERIFY(m_inspector->removeOperand(QStringLiteral("/Choices/0/Or/2")));
        // Next of a rule, the Default removed, a new rule.
        QVERIFY(m_inspector->setRuleNext(0, QStringLiteral("FailValidation")));
        QVERIFY(m_inspector->setDefault(QString()));
        QVERIFY(
            !m_doc->document()->root().value(u"States").value(u"EvaluateValidation").contains(u"Default"));
        QVERIFY(m_inspector->addRule());
        QCOMPARE(
            jsonpointer::resolve(m_doc->document()->root(), u"/States/EvaluateValidation/Choices").size(), 4);
        // All of it undoes to the file as opened.
        while (m_doc->canUndo())
            m_doc->undo();
        QCOMPARE(m_doc->document()->text(), original);
    }

    void catchWarningsAfterStatesAll()
    {
        const QString file = m_dir.filePath(QStringLiteral("catch.asl.json"));
        QVERIFY(writeAll(file, kExpected));
        openFile(file);
        clickState(QStringLiteral("/States/A"));
        QCOMPARE(m_inspector->catchRows()->rowCount(), 1);
        QVERIFY(m_inspector->catchRows()->get(0).value(QStringLiteral("warning")).toString().isEmpty());
        // A row added after the States.ALL row goes before it; one moved after it is flagged.
        QVERIFY(m_inspector->addCatch());
        QCOMPARE(m_inspector->catchRows()->get(0).value(QStringLiteral("errors")).toString(),
                 QStringLiteral("States.TaskFailed"));
        QVERIFY(m_inspector->moveCatch(0, 1));
        QCOMPARE(m_inspector->catchRows()->get(1).value(QStringLiteral("warning")).toString(),
                 QStringLiteral("Never matches: an earlier row catches States.ALL"));
        QVERIFY(!m_inspector->setCatchField(0, QStringLiteral("Next"), QStringLiteral("Nowhere")));
        QVERIFY(!m_inspector
                     ->checkCatchField(QStringLiteral("ErrorEquals"),
                                       QStringLiteral("States.ALL, States.Timeout"))
                     .isEmpty());
        m_doc->undo();
        m_doc->undo();
        QCOMPARE(m_doc->document()->text(), kExpected);
    }

    void newFromTemplates()
    {
        auto *editor = m_window->findChild<gui::EditController *>();
        QVERIFY(editor);
        QStringList paths;
        for (const QVariant &t : editor->templates())
            paths.append(t.toMap().value(QStringLiteral("path")).toString());
        QVERIFY(paths.contains(QStringLiteral(":/stepwise/templates/empty-jsonata.asl.json")));
        QVERIFY(paths.contains(QStringLiteral(":/stepwise/examples/engagement-ml-pipeline.asl.json")));
        QVERIFY(
            QFile::exists(QStringLiteral(":/stepwise/examples/engagement-ml-pipeline.mocks-config.json")));
        QVERIFY(editor->newFromTemplate(QStringLiteral(":/stepwise/templates/empty-jsonpath.asl.json")));
        QVERIFY(m_doc->filePath().isEmpty());
        QVERIFY(!m_doc->isModified());
        QCOMPARE(m_doc->document()->text(),
                 readAll(sourceDir() + QStringLiteral("/resources/templates/empty-jsonpath.asl.json")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
    }

    void oneRetryOneLine()
    {
        REQUIRE_SHARED(shared);
        const QString original = shared + QStringLiteral("/examples/engagement-ml-pipeline.asl.json");
        const QString file = m_dir.filePath(QStringLiteral("engagement-ml-pipeline.asl.json"));
        QVERIFY(QFile::copy(original, file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        openFile(file);

        // DataPreparation's only Retry row has MaxAttempts 2: make it 4 in the inspector.
        clickState(QStringLiteral("/States/DataPreparation"));
        QTRY_COMPARE(m_inspector->retryRows()->rowCount(), 1);
        QCOMPARE(m_inspector->retryRows()->get(0).value(QStringLiteral("maxAttempts")).toString(),
                 QStringLiteral("2"));
        typeInto(QStringLiteral("retry0.MaxAttempts"), QStringLiteral("4"));
        QTRY_VERIFY(m_doc->isModified());
        QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!m_doc->isModified());

        const QList<QByteArray> before = readAll(original).split('\n');
        const QList<QByteArray> after = readAll(file).split('\n');
        QCOMPARE(after.size(), before.size());
        QList<int> changed;
        for (int i = 0; i < before.size(); ++i) {
            if (before.at(i) != after.at(i)) changed.append(i);
        }
        QCOMPARE(changed.size(), 1);
        // Line 40 of the file (the row's MaxAttempts, found by reading the file).
        QCOMPARE(changed.first() + 1, 40);
        QCOMPARE(before.at(39), QByteArray("          \"MaxAttempts\": 2,"));
        QCOMPARE(after.at(39), QByteArray("          \"MaxAttempts\": 4,"));
    }

    void cleanupTestCase()
    {
        // Quiet first: a one-state diagram, every tile painted, none being painted while the window
        // goes. (Under ctest a tile painted while the window was torn down could spin in
        // QRasterPaintEngine::stroke and ~DiagramView waited for it forever: see the report.)
        m_doc->document()->loadText(R"({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})");
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        m_view->setController(nullptr); // no tile requests while the window's items go away
        m_window->hide();
        m_engine.reset();
    }
};

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
