// No lost work: unsaved edits are autosaved to a recovery file and offered back after a crash.
// The crash is real: stepwise_recoveryharness (the designer as `stepwise FILE` starts it) edits a
// document, waits for its autosave and is killed with SIGKILL; a second start shows the recovery
// dialog, and clicking Restore brings back exactly the text and pins the editor had. In-process
// cases check when recovery files are written and removed, that a live session's file is never
// offered, and that a failing autosave is reported.
#include "shared.h"

#include "documentcontroller.h"
#include "edit/layoutcommands.h"
#include "recovery.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString example()
{
    return sourceDir() + QStringLiteral("/resources/examples/engagement-ml-pipeline.asl.json");
}

// Waits for the harness's child processes without a wall-clock assertion: generous deadlines only
// keep a hung child from hanging the suite (sanitizer builds are slow).
constexpr int kDeadlineMs = 300000;

QStringList recoveryFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files);
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT

    static QString harness()
    {
        return QCoreApplication::applicationDirPath() + QStringLiteral("/stepwise_recoveryharness");
    }

    // A designer session with its own data and settings folders (the recovery files live in
    // XDG_DATA_HOME/Stepwise/Stepwise/recovery).
    static void prepare(QProcess &p, const QTemporaryDir &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        QDir().mkpath(home.filePath(QStringLiteral("runtime")));
        QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
        p.setProcessEnvironment(env);
        p.setProgram(harness());
    }
    static QString recoveryDir(const QTemporaryDir &home)
    {
        return home.filePath(QStringLiteral("data/Stepwise/Stepwise/recovery"));
    }

    // Starts the harness in edit mode, waits for its autosave and kills it. Returns the recovery file.
    static QString editAndKill(const QTemporaryDir &home, const QString &target, const QString &expected)
    {
        QProcess editor;
        prepare(editor, home);
        editor.setArguments({QStringLiteral("edit"), target, expected});
        editor.start();
        if (!editor.waitForStarted()) return {};
        QByteArray out;
        while (!out.contains('\n') && editor.state() == QProcess::Running) {
            editor.waitForReadyRead(kDeadlineMs);
            out += editor.readAllStandardOutput();
        }
        if (!out.startsWith("autosaved ")) {
            qWarning("harness: %s %s", out.constData(), editor.readAllStandardError().constData());
            editor.kill();
            editor.waitForFinished();
            return {};
        }
        const QString recoveryFile = QString::fromLocal8Bit(out.mid(10).trimmed());
        // The crash: SIGKILL, no chance to clean up or save.
        editor.kill();
        editor.waitForFinished(kDeadlineMs);
        if (editor.exitStatus() != QProcess::CrashExit) return {};
        return recoveryFile;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(harness()), "build the stepwise_recoveryharness target first");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recovery"));
    }

    void init()
    {
        // In-process cases: an empty recovery folder (test mode: under ~/.qttest).
        QDir(gui::RecoveryManager::directory()).removeRecursively();
    }

    void killedMidEditRestoresTheEdit_data()
    {
        QTest::addColumn<bool>("untitled");
        QTest::newRow("file") << false;
        QTest::newRow("untitled") << true;
    }

    void killedMidEditRestoresTheEdit()
    {
        QFETCH(bool, untitled);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString file = home.filePath(QStringLiteral("pipeline.asl.json"));
        QVERIFY(QFile::copy(example(), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray original = readAll(file);
        const QString expectedFile = home.filePath(QStringLiteral("expected"));

        const QString recoveryFile =
            editAndKill(home, untitled ? QStringLiteral("--untitled") : file, expectedFile);
        QVERIFY2(!recoveryFile.isEmpty(), "the harness did not autosave, or did not die of SIGKILL");
        QVERIFY(recoveryFile.startsWith(recoveryDir(home)));
        QVERIFY(QFile::exists(recoveryFile));
        QCOMPARE(readAll(file), original); // the file itself is untouched
        const QByteArray expected = readAll(expectedFile);
        QVERIFY(expected.contains("edited before the crash \xe2\x9c\x94"));
        QVERIFY(expected.contains("\"TimeoutSeconds\": 3600"));
        const QJsonObject expectedPins =
            QJsonDocument::fromJson(readAll(expectedFile + QStringLiteral(".pins"))).object();
        QCOMPARE(expectedPins.size(), 1);

        // The next start offers the recovery; Restore brings the edits back exactly.
        QProcess restorer;
        prepare(restorer, home);
        const QString out = home.filePath(QStringLiteral("restored"));
        restorer.setArguments(
            {QStringLiteral("restore"), untitled ? QStringLiteral("--untitled") : file, out});
        restorer.start();
        QVERIFY(restorer.waitForFinished(kDeadlineMs));
        QVERIFY2(restorer.exitStatus() == QProcess::NormalExit && restorer.exitCode() == 0,
                 restorer.readAllStandardError().constData());
        QCOMPARE(readAll(out), expected);
        const QJsonObject state = QJsonDocument::fromJson(readAll(out + QStringLiteral(".json"))).object();
        QCOMPARE(state.value(QStringLiteral("pins")).toObject(), expectedPins);
        QCOMPARE(state.value(QStringLiteral("modified")).toBool(), true);
        // Undo goes back to the file on disk; an untitled document has nothing to go back to.
        QCOMPARE(state.value(QStringLiteral("undoText")).toString(),
                 untitled ? QString() : QStringLiteral("Restore Unsaved Edits"));
        QCOMPARE(state.value(QStringLiteral("path")).toString(), untitled ? QString() : file);
        QCOMPARE(state.value(QStringLiteral("orphansLeft")).toInt(), 0);
        QVERIFY(!QFile::exists(recoveryFile)); // the crashed session's file is gone...
        // ...once the restored edits were autosaved by the new session.
        const QString newRecovery = state.value(QStringLiteral("recoveryFile")).toString();
        QVERIFY(!newRecovery.isEmpty());
        if (untitled) {
            // Nobody saved the untitled document: its edits stay protected.
            QVERIFY(QFile::exists(newRecovery));
        } else {
            // The harness saved: the file has the edits and nothing is left to recover.
            QCOMPARE(readAll(file), expected);
            QCOMPARE(recoveryFiles(recoveryDir(home)), QStringList());
        }
    }

    void discardAfterKill()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString file = home.filePath(QStringLiteral("pipeline.asl.json"));
        QVERIFY(QFile::copy(example(), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray original = readAll(file);
        const QString recoveryFile = editAndKill(home, file, home.filePath(QStringLiteral("expected")));
        QVERIFY(!recoveryFile.isEmpty());

        QProcess discarder;
        prepare(discarder, home);
        const QString out = home.filePath(QStringLiteral("after"));
        discarder.setArguments({QStringLiteral("discard"), file, out});
        discarder.start();
        QVERIFY(discarder.waitForFinished(kDeadlineMs));
        QVERIFY2(discarder.exitStatus() == QProcess::NormalExit && discarder.exitCode() == 0,
                 discarder.readAllStandardError().constData());
        QCOMPARE(readAll(out), original);
        const QJsonObject state = QJsonDocument::fromJson(readAll(out + QStringLiteral(".json"))).object();
        QCOMPARE(state.value(QStringLiteral("modified")).toBool(), false);
        QCOMPARE(readAll(file), original);
        QCOMPARE(recoveryFiles(recoveryDir(home)), QStringList());
    }

    // When recovery files are written and removed, in one session.
    void autosaveFollowsTheDocument()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("flow.asl.json"));
        QVERIFY(QFile::copy(example(), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        gui::DocumentController doc;
        gui::RecoveryManager recovery;
        recovery.setInterval(20);
        recovery.setDocument(&doc);
        QVERIFY(doc.open(file));
        QSignalSpy autosaved(&recovery, &gui::RecoveryManager::autosaved);
        edit::Document *d = doc.document();
        const QString state = d->machine().states.front().pointer;

        d->undoStack()->push(new edit::MoveStatesCommand(d, {{state, QPointF(10, 20)}}));
        QVERIFY(autosaved.wait(30000));
        const QString recoveryFile = autosaved.last().first().toString();
        QVERIFY(recoveryFile.startsWith(gui::RecoveryManager::directory()));
        const gui::RecoveryEntry entry = gui::RecoveryManager::readEntry(recoveryFile);
        QCOMPARE(entry.error, QString());
        QCOMPARE(entry.path, file);
        QCOMPARE(entry.text, d->text());
        QCOMPARE(entry.pins, d->pins());
        QVERIFY(entry.savedAt.isValid());
        // A live session's file is not an orphan for another manager (another window, a second
        // instance): its lock is held.
        QVERIFY(gui::RecoveryManager().orphans().isEmpty());

        // Undo back to the saved state: nothing left to recover.
        doc.undo();
        QVERIFY(!d->isModified());
        QTRY_VERIFY(!QFile::exists(recoveryFile));
        // Edit again, then save: the file has it all.
        doc.redo();
        QVERIFY(autosaved.wait(30000));
        QVERIFY(QFile::exists(autosaved.last().first().toString()));
        QVERIFY(doc.save());
        QTRY_VERIFY(!QFile::exists(autosaved.last().first().toString()));
        // Closing without saving (the close prompt's "Discard") removes it too.
        d->undoStack()->push(new edit::MoveStatesCommand(d, {{state, QPointF(30, 40)}}));
        QVERIFY(autosaved.wait(30000));
        recovery.discardCurrent();
        QTRY_COMPARE(recoveryFiles(gui::RecoveryManager::directory()), QStringList());
    }

    void onlyCrashedSessionsAreOffered()
    {
        const QString dir = gui::RecoveryManager::directory();
        QVERIFY(QDir().mkpath(dir));
        auto write = [&](const QString &name) {
            QFile f(dir + QLatin1Char('/') + name + QStringLiteral(".json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"format": "stepwise-recovery", "version": 1, "path": "", "text": "{}", "pins": {}})");
        };
        write(QStringLiteral("live"));
        write(QStringLiteral("nolock"));
        write(QStringLiteral("deadpid"));
        // A session that is still running holds its lock...
        QLockFile live(dir + QStringLiteral("/live.lock"));
        live.setStaleLockTime(0);
        QVERIFY(live.tryLock(0));
        // ...one that was killed left a lock naming a process that no longer exists.
        QFile dead(dir + QStringLiteral("/deadpid.lock"));
        QVERIFY(dead.open(QIODevice::WriteOnly));
        dead.write("4194303\nstepwise\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        dead.close();

        gui::RecoveryManager recovery;
        QStringList offered;
        for (const QVariant &v : recovery.orphans())
            offered << QFileInfo(v.toMap().value(QStringLiteral("file")).toString()).baseName();
        offered.sort();
        QCOMPARE(offered, (QStringList{QStringLiteral("deadpid"), QStringLiteral("nolock")}));
        // Being offered in one session, they are not offered in a second one at the same time.
        QVERIFY(gui::RecoveryManager().orphans().isEmpty());
        // Discarding deletes the file.
        recovery.discard(dir + QStringLiteral("/nolock.json"));
        QCOMPARE(recovery.orphans().size(), 1);
        QTRY_VERIFY(!QFile::exists(dir + QStringLiteral("/nolock.json")));
    }

    void failingAutosaveIsReported()
    {
        // A regular file where the recovery folder should be: nothing can be written there.
        const QString dir = gui::RecoveryManager::directory();
        QVERIFY(QDir().mkpath(QFileInfo(dir).absolutePath()));
        {
            QFile blocker(dir);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        gui::DocumentController doc;
        gui::RecoveryManager recovery;
        recovery.setInterval(20);
        recovery.setDocument(&doc);
        QVERIFY(doc.open(example()));
        edit::Document *d = doc.document();
        const QString state = d->machine().states.front().pointer;
        d->undoStack()->push(new edit::MoveStatesCommand(d, {{state, QPointF(1, 2)}}));
        QTRY_VERIFY(!recovery.error().isEmpty());
        QVERIFY2(recovery.error().contains(dir), qPrintable(recovery.error()));
        // Once the folder can be made, the next edit is autosaved and the error goes.
        QVERIFY(QFile::remove(dir));
        QSignalSpy autosaved(&recovery, &gui::RecoveryManager::autosaved);
        d->undoStack()->push(new edit::MoveStatesCommand(d, {{state, QPointF(3, 4)}}));
        QVERIFY(autosaved.wait(30000));
        QCOMPARE(recovery.error(), QString());
        recovery.discardCurrent();
    }
};

QTEST_MAIN(TestRecovery)
#include "tst_recovery.moc"
