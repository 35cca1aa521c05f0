// The designer as `stepwise FILE` starts it (Main.qml, offscreen), driven from outside for
// tst_recovery, which kills it and starts it again:
//
//   stepwise_recoveryharness edit FILE|--untitled EXPECTED
//       opens FILE (or a new untitled document), edits it through the Document API (a definition
//       edit and a state moved), waits until RecoveryManager has autosaved the edits (on its own
//       timer, as in the app), writes the document's text to EXPECTED and EXPECTED.pins, prints
//       "autosaved RECOVERY-FILE" and keeps running until it is killed;
//   stepwise_recoveryharness restore|discard FILE|--untitled OUT
//       starts the designer, waits for the recovery dialog, clicks Restore (or Discard), writes the
//       document's text to OUT and its state to OUT.json ({path, modified, pins, undoText}); after
//       a restore of a file it saves, so the test can check the recovery file goes.
//
// Exit codes: 0 done, 3 what was expected did not happen (with a message on stderr).
#include "documentcontroller.h"
#include "edit/layoutcommands.h"
#include "recovery.h"
#include "scenegraph.h"
#include "stateicons.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QUndoCommand>

#include <cstdio>

using namespace sw;

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "recoveryharness: %s\n", qPrintable(message));
    std::fflush(stderr);
    std::_Exit(3);
}

template <typename F> void waitFor(F condition, const char *what, int ms = 120000)
{
    const QDeadlineTimer deadline(ms);
    while (!condition()) {
        if (deadline.hasExpired()) fail(QStringLiteral("timed out waiting for %1").arg(QLatin1String(what)));
        QTest::qWait(20);
    }
}

QJsonObject pinsJson(const edit::Pins &pins)
{
    QJsonObject o;
    for (auto it = pins.constBegin(); it != pins.constEnd(); ++it)
        o.insert(it.key(), QJsonArray{it.value().x(), it.value().y()});
    return o;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        fail(QStringLiteral("cannot write ") + path);
}

// A definition edit as the editor's commands make them: the new tree is computed once, redo and
// undo install the after and before versions.
class SetRootCommand : public QUndoCommand
{
public:
    SetRootCommand(edit::Document *doc, const Json &after)
        : QUndoCommand(QStringLiteral("Edit")), m_doc(doc), m_before(doc->root()), m_after(after)
    {
    }
    void redo() override { m_doc->setRoot(m_after); }
    void undo() override { m_doc->setRoot(m_before); }

private:
    edit::Document *m_doc;
    Json m_before, m_after;
};

const char *kUntitledText = R"({
  "StartAt": "Hello",
  "States": {
    "Hello": {
      "Type": "Pass",
      "End": true
    }
  }
}
)";

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    // The application's names: the same recovery folder as `stepwise` (under XDG_DATA_HOME).
    QGuiApplication::setApplicationName(QStringLiteral("Stepwise"));
    QGuiApplication::setOrganizationName(QStringLiteral("Stepwise"));
    const QStringList args = app.arguments();
    if (args.size() != 4) fail(QStringLiteral("usage: edit|restore|discard FILE|--untitled OUT"));
    const QString mode = args.at(1);
    const bool untitled = args.at(2) == QLatin1String("--untitled");
    const QString file = untitled ? QString() : args.at(2);
    const QString out = args.at(3);

    gui::chooseSceneGraph();
    QQmlApplicationEngine engine;
    gui::setupEngine(engine);
    // As app/gui.cpp starts the window.
    engine.setInitialProperties({{QStringLiteral("initialFile"), file}, {QStringLiteral("offerRecovery"), true}});
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) fail(QStringLiteral("Main.qml did not load"));
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    auto *doc = window->findChild<gui::DocumentController *>();
    auto *recovery = window->findChild<gui::RecoveryManager *>();
    if (!doc || !recovery) fail(QStringLiteral("no DocumentController or RecoveryManager in Main.qml"));
    edit::Document *document = doc->document();

    if (mode == QLatin1String("edit")) {
        if (!recovery->orphans().isEmpty()) fail(QStringLiteral("a recovery was offered before any crash"));
        if (untitled) doc->openWith([](edit::Document &d) { d.newDocument(kUntitledText); });
        waitFor([&] { return doc->hasDocument() && document->isParsed(); }, "the document");
        // Edit 1: a definition change (a comment on the first state and a new top-level field).
        Json root = document->root();
        const QString first = root[u"StartAt"].toString();
        Json states = root[u"States"];
        Json state = states[first];
        state.insert(QStringLiteral("Comment"), Json(QStringLiteral("edited before the crash \u2714")));
        states.insert(first, state);
        root.insert(QStringLiteral("States"), states);
        root.insert(QStringLiteral("TimeoutSeconds"), Json(3600));
        document->undoStack()->push(new SetRootCommand(document, root));
        // Edit 2: the first state dragged to a pinned position.
        document->undoStack()->push(new edit::MoveStatesCommand(
            document, {{QStringLiteral("/States/") + first, QPointF(123.5, -40)}}));
        if (!document->isModified()) fail(QStringLiteral("the edits did not modify the document"));
        QString recoveryFile;
        QObject::connect(recovery, &gui::RecoveryManager::autosaved,
                         [&](const QString &f) { recoveryFile = f; });
        waitFor([&] { return !recoveryFile.isEmpty(); }, "the autosave");
        writeFile(out, document->text());
        writeFile(out + QStringLiteral(".pins"), QJsonDocument(pinsJson(document->pins())).toJson());
        std::printf("autosaved %s\n", qPrintable(recoveryFile));
        std::fflush(stdout);
        return app.exec(); // until killed
    }

    if (mode != QLatin1String("restore") && mode != QLatin1String("discard"))
        fail(QStringLiteral("unknown mode ") + mode);
    auto *dialog = window->findChild<QObject *>(QStringLiteral("recoveryDialog"));
    if (!dialog) fail(QStringLiteral("no recovery dialog"));
    waitFor([&] { return dialog->property("opened").toBool(); }, "the recovery dialog");
    const QString buttonName = mode == QLatin1String("restore") ? QStringLiteral("recoveryRestoreButton")
                                                                : QStringLiteral("recoveryDiscardButton");
    auto *button = window->findChild<QQuickItem *>(buttonName);
    if (!button || !button->isEnabled()) fail(buttonName + QStringLiteral(" missing or disabled"));
    waitFor([&] { return button->isVisible() && button->width() > 0; }, "the dialog's buttons");
    QTest::mouseClick(window, Qt::LeftButton, {},
                      button->mapToScene(QPointF(button->width() / 2, button->height() / 2)).toPoint());
    waitFor([&] { return !dialog->property("visible").toBool(); }, "the dialog to close");
    if (mode == QLatin1String("restore"))
        waitFor([&] { return document->isModified(); }, "the restored edits");
    recovery->flush();
    writeFile(out, document->text());
    const QJsonObject state{{QStringLiteral("path"), document->filePath()},
                            {QStringLiteral("modified"), document->isModified()},
                            {QStringLiteral("pins"), pinsJson(document->pins())},
                            {QStringLiteral("undoText"), document->undoStack()->undoText()},
                            {QStringLiteral("recoveryFile"), recovery->recoveryFile()},
                            {QStringLiteral("orphansLeft"), int(recovery->orphans().size())}};
    writeFile(out + QStringLiteral(".json"), QJsonDocument(state).toJson());
    if (mode == QLatin1String("restore") && !document->filePath().isEmpty() && !doc->save())
        fail(QStringLiteral("save failed: ") + doc->errorText());
    return 0;
}
