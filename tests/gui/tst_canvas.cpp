// The designer window offscreen: Main.qml opens an example, lays it out and paints every visible
// tile; clicks, Ctrl-clicks and Shift-drags select; dragging a state pins it (one undoable command,
// saved to the sidecar); Ctrl+wheel zooms about the cursor; tooltips show key fields; the dark
// theme reaches the canvas; the outline and diagnostics models pass QAbstractItemModelTester.
#include "shared.h"

#include "diagnosticsmodel.h"
#include "diagramcontroller.h"
#include "diagramview.h"
#include "documentcontroller.h"
#include "edit/commands.h"
#include "edit/layoutsidecar.h"
#include "outlinemodel.h"
#include "stateicons.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

class TestCanvas : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    gui::DiagramController *m_diagram = nullptr;
    gui::DocumentController *m_doc = nullptr;
    gui::DiagramView *m_view = nullptr;
    QQuickItem *m_canvas = nullptr;

    // Window coordinates of a state's centre.
    QPoint centreOf(const QString &id) const
    {
        const QRectF r = m_diagram->nodeRect(id);
        const QPointF c = r.center() * m_view->zoom();
        return m_view->mapToScene(c).toPoint();
    }
    // Waits for a new layout to arrive and be painted.
    bool settled() const { return m_diagram->isReady() && !m_diagram->isBusy() && m_view->isComplete(); }
    QColor pixel(const QPoint &windowPos) const
    {
        const QImage image = m_window->grabWindow();
        return image.pixelColor(windowPos * image.devicePixelRatio());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_canvas"));
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("backtest.asl.json"));
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"),
                            m_file));
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
        m_engine = std::make_unique<QQmlApplicationEngine>();
        gui::setupEngine(*m_engine);
        m_engine->setInitialProperties({{QStringLiteral("initialFile"), m_file},
                                        {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                        {QStringLiteral("width"), 1300},
                                        {QStringLiteral("height"), 850}});
        m_engine->load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_diagram = m_window->findChild<gui::DiagramController *>();
        m_doc = m_window->findChild<gui::DocumentController *>();
        m_view = m_window->findChild<gui::DiagramView *>(QStringLiteral("diagramView"));
        m_canvas = m_window->findChild<QQuickItem *>(QStringLiteral("canvas"));
        QVERIFY(m_diagram && m_doc && m_view && m_canvas);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->property("diagramReady").toBool(), 30000);
    }

    void rendersTheDiagram()
    {
        QCOMPARE(m_diagram->stateCount(), 15);
        QVERIFY(m_view->tilesPainted() > 0);
        QVERIFY(m_view->zoom() > 0.2 && m_view->zoom() <= 1); // fitted, never enlarged
        // The whole diagram fits: its first and last states are inside the canvas.
        const QRectF canvas(m_canvas->mapToScene(QPointF(0, 0)), m_canvas->size());
        for (const QString &id :
             {QStringLiteral("/States/ParallelValidation"), QStringLiteral("/States/NotifyCompletion")})
            QVERIFY(canvas.contains(centreOf(id)));
        // A Task box is drawn in its type's tint, not in the canvas background.
        const QColor inside = pixel(centreOf(QStringLiteral("/States/RunBacktest")) + QPoint(0, 1));
        const QColor background = m_diagram->backgroundColor();
        QVERIFY2(inside != background, qPrintable(inside.name()));
        QVERIFY(inside.blue() > inside.red()); // Task: blue
        // Nothing of the diagram leaks over the outline panel: below its rows it shows the
        // window colour of the light theme (Theme.qml).
        QCOMPARE(pixel(QPoint(5, int(canvas.bottom()) - 5)), QColor(QStringLiteral("#f3f3f5")));
    }

    void overlaysMergeByPriorityAndRepaint()
    {
        const QString id = QStringLiteral("/States/RunBacktest");
        const QPoint at = centreOf(id) + QPoint(0, 1);
        const QColor plain = pixel(at);
        gui::DiagramController::NodeOverlay cost{QColor(Qt::red), QStringLiteral("40% of transitions"), -1};
        gui::DiagramController::NodeOverlay run{QColor(Qt::green), QString(), 0.5};
        m_diagram->setOverlay(QStringLiteral("cost"), {{id, cost}}, 0);
        m_diagram->setOverlay(QStringLiteral("run"), {{id, run}}, 10);
        // The higher priority wins the tint; the lower one's caption shows where "run" has none.
        QCOMPARE(m_diagram->decorations().tint.value(id), QColor(Qt::green));
        QCOMPARE(m_diagram->decorations().caption.value(id), QStringLiteral("40% of transitions"));
        QCOMPARE(m_diagram->decorations().progress.value(id), 0.5);
        QTRY_VERIFY(pixel(at).green() > pixel(at).red() && pixel(at).green() > plain.green() - 1
                    && pixel(at) != plain);
        m_diagram->clearOverlay(QStringLiteral("run"));
        QCOMPARE(m_diagram->decorations().tint.value(id), QColor(Qt::red));
        QVERIFY(!m_diagram->decorations().progress.contains(id));
        QTRY_VERIFY(pixel(at).red() > pixel(at).blue());
        // From QML: a map of {tint, caption, progress}.
        m_diagram->setOverlay(QStringLiteral("cost"),
                              QVariantMap{{id, QVariantMap{{QStringLiteral("tint"), QColor(Qt::blue)}}}}, 0);
        QCOMPARE(m_diagram->decorations().tint.value(id), QColor(Qt::blue));
        QVERIFY(!m_diagram->decorations().caption.contains(id));
        m_diagram->clearOverlay(QStringLiteral("cost"));
        QVERIFY(m_diagram->decorations().tint.isEmpty());
        QTRY_COMPARE(pixel(at), plain);
    }

    void clickAndCtrlClickSelect()
    {
        const QString a = QStringLiteral("/States/RunBacktest");
        const QString b = QStringLiteral("/States/PrepareConfig");
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(a));
        QCOMPARE(m_diagram->selection(), QStringList{a});
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::ControlModifier, centreOf(b));
        QCOMPARE(m_diagram->selection(), (QStringList{b, a}));
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::ControlModifier, centreOf(a));
        QCOMPARE(m_diagram->selection(), QStringList{b});
        // A click on empty canvas clears the selection.
        const QPoint empty = m_canvas->mapToScene(QPointF(8, m_canvas->height() - 30)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, empty);
        QVERIFY(m_diagram->selection().isEmpty());
        QTRY_VERIFY(settled());
    }

    void rubberBandSelects()
    {
        // Shift-drag from above-left of CleanupResources to below-right of NotifyCompletion.
        const QRectF r1 = m_diagram->nodeRect(QStringLiteral("/States/CleanupResources"));
        const QRectF r2 = m_diagram->nodeRect(QStringLiteral("/States/NotifyCompletion"));
        const qreal z = m_view->zoom();
        const QPoint from = m_view->mapToScene((r1.topLeft() - QPointF(8, 8)) * z).toPoint();
        const QPoint to =
            m_view->mapToScene((QPointF(std::max(r1.right(), r2.right()), r2.bottom()) + QPointF(8, 8)) * z)
                .toPoint();
        QTest::mousePress(m_window, Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(m_window, (from + to) / 2);
        QTest::mouseMove(m_window, to);
        QTest::mouseRelease(m_window, Qt::LeftButton, Qt::ShiftModifier, to);
        QCOMPARE(m_diagram->selection(), (QStringList{QStringLiteral("/States/CleanupResources"),
                                                      QStringLiteral("/States/NotifyCompletion")}));
        m_diagram->clearSelection();
    }

    void dragPinsAStateUndoablyAndSavesTheSidecar()
    {
        const QString id = QStringLiteral("/States/NotifyFailure");
        const QRectF before = m_diagram->nodeRect(id);
        const QPoint start = centreOf(id);
        const QPoint delta(60, 30);
        QTest::mousePress(m_window, Qt::LeftButton, {}, start);
        for (int i = 1; i <= 6; ++i)
            QTest::mouseMove(m_window, start + delta * i / 6);
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, start + delta);
        const edit::Document *doc = m_doc->document();
        QCOMPARE(doc->pins().size(), 1);
        QVERIFY(doc->pins().contains(id));
        QVERIFY(m_doc->isModified());
        QCOMPARE(m_doc->undoText(), QStringLiteral("Move state"));
        QTRY_VERIFY(settled() && m_diagram->nodeRect(id) != before);
        const QPointF moved = m_diagram->nodeRect(id).topLeft() - before.topLeft();
        const qreal z = m_view->zoom();
        QVERIFY(std::abs(moved.x() - delta.x() / z) <= 1.01 && std::abs(moved.y() - delta.y() / z) <= 1.01);

        QVERIFY(m_doc->save());
        edit::Pins saved;
        QVERIFY(edit::readSidecar(m_file, &saved).isEmpty());
        QCOMPARE(saved, doc->pins());

        m_doc->undo();
        QVERIFY(doc->pins().isEmpty());
        QTRY_VERIFY(settled() && m_diagram->nodeRect(id) == before);
        m_doc->redo();
        QCOMPARE(doc->pins().size(), 1);
        m_diagram->autoLayout(); // clears pins, undoably
        QVERIFY(doc->pins().isEmpty());
        QCOMPARE(m_doc->undoText(), QStringLiteral("Auto-layout"));
        QTRY_VERIFY(settled() && m_diagram->nodeRect(id) == before);
    }

    void ctrlWheelZoomsAboutTheCursor()
    {
        const QString id = QStringLiteral("/States/EvaluateValidation");
        const QPoint at = centreOf(id);
        const qreal zoom = m_view->zoom();
        QWheelEvent wheel(at, m_window->mapToGlobal(at), QPoint(), QPoint(0, 480), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_window, &wheel);
        QVERIFY(m_view->zoom() > zoom * 1.8);
        // The diagram now overflows the canvas both ways, so the state stays under the cursor.
        QVERIFY(m_view->width() > m_canvas->width() && m_view->height() > m_canvas->height());
        QVERIFY((centreOf(id) - at).manhattanLength() <= 2);
        QTRY_VERIFY(m_view->isComplete());
        QMetaObject::invokeMethod(m_canvas, "fit");
        QTRY_VERIFY(m_view->isComplete());
    }

    void hoverShowsKeyFields()
    {
        const QRectF r = m_diagram->nodeRect(QStringLiteral("/States/PrepareConfig"));
        const QString tip = m_diagram->tooltipAt(r.center().x(), r.center().y());
        QVERIFY(tip.startsWith(QStringLiteral("PrepareConfig  (Task)")));
        QVERIFY(tip.contains(QStringLiteral("arn:aws:states:::ecs:runTask.sync")));
        QVERIFY(tip.contains(QStringLiteral("Retry")));
        QVERIFY(tip.contains(QStringLiteral("Catch States.ALL \u2192 CleanupAfterFailure")));
        QTest::mouseMove(m_window, centreOf(QStringLiteral("/States/PrepareConfig")));
        QTRY_COMPARE(m_diagram->hovered(), QStringLiteral("/States/PrepareConfig"));
    }

    void outlineRevealsAndModelsAreSound()
    {
        auto *outline = m_window->findChild<gui::OutlineModel *>();
        auto *diagnostics = m_window->findChild<gui::DiagnosticsModel *>();
        QVERIFY(outline && diagnostics);
        QAbstractItemModelTester outlineTester(outline,
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester diagnosticsTester(diagnostics,
                                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(outline->rowCount(), 13); // top-level states
        const QModelIndex parallel = outline->index(0, 0);
        QCOMPARE(outline->data(parallel, gui::OutlineModel::NameRole).toString(),
                 QStringLiteral("ParallelValidation"));
        QCOMPARE(outline->rowCount(parallel), 2); // Branch 1, Branch 2
        const QModelIndex inner = outline->index(0, 0, outline->index(0, 0, parallel));
        QCOMPARE(outline->data(inner, gui::OutlineModel::NodeIdRole).toString(),
                 QStringLiteral("/States/ParallelValidation/Branches/0/States/ValidateStrategy"));
        QCOMPARE(diagnostics->errorCount(), 0);
        QMetaObject::invokeMethod(m_window, "reveal",
                                  Q_ARG(QVariant, QStringLiteral("/States/FailDataStale")));
        QCOMPARE(m_diagram->selection(), QStringList{QStringLiteral("/States/FailDataStale")});
        // Re-opening rebuilds both models under the testers' eyes.
        QVERIFY(m_doc->open(QUrl::fromLocalFile(m_file).toString()));
        QTRY_VERIFY(settled());
    }

    void diagnosticsNameTheirStates()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.asl.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"StartAt": "Fetch", "States": {
            "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Transform"},
            "Done": {"Type": "Succeed"}}})");
        f.close();
        auto *diagnostics = m_window->findChild<gui::DiagnosticsModel *>();
        QVERIFY(m_doc->open(broken));
        QTRY_VERIFY(diagnostics->errorCount() > 0); // validated on a worker
        bool aboutFetch = false;
        for (int row = 0; row < diagnostics->rowCount(); ++row) {
            const QModelIndex i = diagnostics->index(row);
            if (i.data(gui::DiagnosticsModel::PointerRole)
                    .toString()
                    .startsWith(QLatin1String("/States/Fetch/")))
                aboutFetch =
                    i.data(gui::DiagnosticsModel::NodeIdRole).toString() == QLatin1String("/States/Fetch");
        }
        QVERIFY(aboutFetch);
        // The transition to the missing state is drawn to a placeholder.
        QTRY_VERIFY(settled());
        QVERIFY(!m_diagram->nodeRect(QStringLiteral("#missing:Transform")).isEmpty());
        QVERIFY(m_doc->open(m_file));
        QTRY_VERIFY(settled());
    }

    void dropAndDialogOpenFiles()
    {
        // Dropping a file on the window opens it.
        const QString other = sourceDir() + QStringLiteral("/resources/examples/agent-tool-call.asl.json");
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(other)});
        const QPoint at(m_window->width() / 2, m_window->height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(m_window, &enter);
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(m_window, &drop);
        QTRY_COMPARE(m_doc->fileName(), QStringLiteral("agent-tool-call.asl.json"));
        QTRY_VERIFY(settled() && m_diagram->stateCount() == 3);
        QCOMPARE(m_doc->recentFiles().value(0), QFileInfo(other).absoluteFilePath());
        // File > Open shows the file dialog.
        QObject *dialog = m_window->findChild<QObject *>(QStringLiteral("openDialog"));
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        QTRY_VERIFY(dialog->property("visible").toBool());
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QVERIFY(m_doc->open(m_file));
        QTRY_VERIFY(settled());
    }

    void darkThemeReachesTheCanvas()
    {
        QMetaObject::invokeMethod(m_window, "chooseTheme", Q_ARG(QVariant, QStringLiteral("dark")));
        QCOMPARE(m_window->property("theme").toString(), QStringLiteral("dark"));
        QVERIFY(m_diagram->backgroundColor().lightnessF() < 0.3);
        QTRY_VERIFY(m_view->isComplete());
        const QPoint corner = m_canvas->mapToScene(QPointF(4, 4)).toPoint();
        QTRY_VERIFY(pixel(corner).lightnessF() < 0.3);
        QMetaObject::invokeMethod(m_window, "chooseTheme", Q_ARG(QVariant, QStringLiteral("light")));
        QTRY_VERIFY(m_view->isComplete());
    }

    void cancelledLayoutStacksTheStates()
    {
        // A machine whose layout takes a while (a chain of Tasks with a Catch each to one handler).
        QJsonObject states;
        const int n = 400;
        for (int i = 0; i < n; ++i) {
            QJsonObject t{{QStringLiteral("Type"), QStringLiteral("Task")},
                          {QStringLiteral("Resource"), QStringLiteral("arn:aws:states:::lambda:invoke")},
                          {QStringLiteral("Catch"),
                           QJsonArray{QJsonObject{{QStringLiteral("ErrorEquals"), QJsonArray{QStringLiteral("States.ALL")}},
                                                  {QStringLiteral("Next"), QStringLiteral("Handler")}}}}};
            if (i + 1 < n)
                t.insert(QStringLiteral("Next"), QStringLiteral("T%1").arg(i + 1));
            else
                t.insert(QStringLiteral("End"), true);
            states.insert(QStringLiteral("T%1").arg(i), t);
        }
        states.insert(QStringLiteral("Handler"), QJsonObject{{QStringLiteral("Type"), QStringLiteral("Fail")}});
        const QString big = m_dir.filePath(QStringLiteral("big.asl.json"));
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("StartAt"), QStringLiteral("T0")},
                                          {QStringLiteral("States"), states}})
                    .toJson());
        f.close();

        QList<bool> scenes; // each new scene: stacked?
        const auto c = connect(m_diagram, &gui::DiagramController::sceneChanged, this,
                               [&] { scenes.append(m_diagram->isStacked()); });
        QVERIFY(m_doc->open(big));
        QTRY_VERIFY(m_diagram->isLayingOut()); // Graphviz is at work on the big graph
        QVERIFY(m_diagram->layoutProgress() < 1);
        // After 200 ms the toolbar shows the progress and Cancel.
        QObject *cancel = m_window->findChild<QObject *>(QStringLiteral("cancelLayoutButton"));
        QObject *busy = m_window->findChild<QObject *>(QStringLiteral("layoutBusyLabel"));
        QVERIFY(cancel && busy);
        QVERIFY(!cancel->property("visible").toBool());
        QTRY_VERIFY(cancel->property("visible").toBool());
        QVERIFY(m_diagram->isLayingOut());
        QVERIFY2(busy->property("text").toString().endsWith(QStringLiteral(" %")),
                 qPrintable(busy->property("text").toString()));
        QMetaObject::invokeMethod(cancel, "clicked");
        // At once (no Graphviz): every state, no routes; the bar offers Lay Out.
        QTRY_VERIFY(!m_diagram->isBusy());
        QCOMPARE(scenes, QList<bool>{true});
        QCOMPARE(m_diagram->stateCount(), n + 1);
        QVERIFY(m_diagram->scene()->geometry().edges.isEmpty());
        QObject *layOut = m_window->findChild<QObject *>(QStringLiteral("layOutButton"));
        QVERIFY(layOut);
        QTRY_VERIFY(layOut->property("visible").toBool());
        // Edits stay stacked (no Graphviz) until Lay Out.
        m_doc->document()->undoStack()->push(new edit::RenameStateCommand(
            m_doc->document(), QStringLiteral("/States/Handler"), QStringLiteral("OnError")));
        QTRY_COMPARE(scenes.size(), 2);
        QTRY_VERIFY(!m_diagram->isBusy());
        QVERIFY(scenes.last());
        // Lay Out runs Graphviz again (after the cancelled call, whose late result never shows).
        QMetaObject::invokeMethod(layOut, "clicked");
        QTRY_VERIFY_WITH_TIMEOUT(scenes.size() == 3 && !m_diagram->isBusy(), 60000);
        QCOMPARE(scenes, (QList<bool>{true, true, false}));
        QVERIFY(!m_diagram->scene()->geometry().edges.isEmpty());
        QVERIFY(!layOut->property("visible").toBool());
        QCOMPARE(m_diagram->layoutProgress(), 1.0);
        disconnect(c);
        QVERIFY(m_doc->open(m_file));
        QTRY_VERIFY(settled());
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
