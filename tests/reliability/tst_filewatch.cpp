// A file changed on disk while it is open is noticed (written in place, replaced by rename as
// most editors and QSaveFile do, deleted and written again, deleted), offered for Reload or Keep
// Mine, and never reported for Stepwise's own saves, a touch or an unchanged rewrite.
#include "shared.h"

#include "documentcontroller.h"
#include "filewatch.h"
#include "loader.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoCommand>

using namespace sw;

namespace {

constexpr int kWaitMs = 30000; // a deadline for events, not a performance bound

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeInPlace(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// What vim, VS Code and QSaveFile do: write a new file beside, rename it over the old one.
bool writeByRename(const QString &path, const QByteArray &data)
{
    const QString temp = path + QStringLiteral(".swp");
    if (!writeInPlace(temp, data)) return false;
    return std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) == 0;
}

// Delete, then write a new file under the same name.
bool writeAfterDelete(const QString &path, const QByteArray &data)
{
    return QFile::remove(path) && writeInPlace(path, data);
}

QByteArray withComment(const QString &comment)
{
    return QStringLiteral("{\n  \"Comment\": \"%1\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n "
                          "     \"Type\": "
                          "\"Pass\",\n      \"End\": true\n    }\n  }\n}\n")
        .arg(comment)
        .toUtf8();
}

class SetRootCommand : public QUndoCommand
{
public:
    SetRootCommand(edit::Document *doc, const Json &after) : m_doc(doc), m_before(doc->root()), m_after(after)
    {
    }
    void redo() override { m_doc->setRoot(m_after); }
    void undo() override { m_doc->setRoot(m_before); }

private:
    edit::Document *m_doc;
    Json m_before, m_after;
};

void editComment(edit::Document *doc, const QString &comment)
{
    Json root = doc->root();
    root.insert(QStringLiteral("Comment"), Json(comment));
    doc->undoStack()->push(new SetRootCommand(doc, root));
}

} // namespace

class TestFileWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<gui::DocumentController> m_doc;
    std::unique_ptr<gui::FileWatcher> m_watcher;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_filewatch"));
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_file = m_dir.filePath(QStringLiteral("flow.asl.json"));
        QFile::remove(m_file);
        QVERIFY(writeInPlace(m_file, withComment(QStringLiteral("original"))));
        m_doc = std::make_unique<gui::DocumentController>();
        m_watcher = std::make_unique<gui::FileWatcher>();
        m_watcher->setDocument(m_doc.get());
        QVERIFY(m_doc->open(m_file));
    }

    void cleanup()
    {
        m_watcher.reset();
        m_doc.reset();
    }

    void externalChangeIsOfferedForReload_data()
    {
        QTest::addColumn<int>("how");
        QTest::newRow("written in place") << 0;
        QTest::newRow("replaced by rename") << 1;
        QTest::newRow("deleted and written again") << 2;
    }

    void externalChangeIsOfferedForReload()
    {
        QFETCH(int, how);
        auto write = [how](const QString &path, const QByteArray &data) {
            return how == 0   ? writeInPlace(path, data)
                   : how == 1 ? writeByRename(path, data)
                              : writeAfterDelete(path, data);
        };
        QVERIFY(write(m_file, withComment(QStringLiteral("theirs"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
        QVERIFY(!m_watcher->deletedOnDisk());
        m_watcher->reload();
        QCOMPARE(m_doc->document()->root()[u"Comment"].toString(), QStringLiteral("theirs"));
        QVERIFY(!m_doc->isModified());
        QVERIFY(!m_watcher->changedOnDisk());
        // The watch follows the new file: the next change is noticed too.
        QVERIFY(write(m_file, withComment(QStringLiteral("theirs again"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
        m_watcher->reload();
        QCOMPARE(m_doc->document()->root()[u"Comment"].toString(), QStringLiteral("theirs again"));
    }

    void keepMineOverwritesOnSave()
    {
        editComment(m_doc->document(), QStringLiteral("mine"));
        QVERIFY(writeByRename(m_file, withComment(QStringLiteral("theirs"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
        m_watcher->keepMine();
        QVERIFY(!m_watcher->changedOnDisk());
        QCOMPARE(m_doc->document()->root()[u"Comment"].toString(), QStringLiteral("mine"));
        QVERIFY(m_doc->isModified());
        QVERIFY(m_doc->save());
        QVERIFY(readAll(m_file).contains("\"mine\""));
        QSignalSpy checked(m_watcher.get(), &gui::FileWatcher::checked);
        QVERIFY(checked.wait(kWaitMs));
        QVERIFY(!m_watcher->changedOnDisk());
    }

    void keepMineOnAnUnmodifiedDocumentMarksItModified()
    {
        QVERIFY(writeInPlace(m_file, withComment(QStringLiteral("theirs"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
        QVERIFY(!m_doc->isModified());
        m_watcher->keepMine();
        // The editor's version differs from the disk's now: it has something to save.
        QVERIFY(m_doc->isModified());
    }

    void ownSavesTouchesAndRewritesAreNotReported_data()
    {
        QTest::addColumn<int>("what");
        QTest::newRow("our save") << 0;
        QTest::newRow("touch") << 1;
        QTest::newRow("unchanged rewrite by rename") << 2;
        QTest::newRow("our text written elsewhere") << 3;
    }

    void ownSavesTouchesAndRewritesAreNotReported()
    {
        QFETCH(int, what);
        QSignalSpy checked(m_watcher.get(), &gui::FileWatcher::checked);
        const QByteArray before = readAll(m_file);
        switch (what) {
        case 0:
            editComment(m_doc->document(), QStringLiteral("saved by us"));
            QVERIFY(m_doc->save());
            break;
        case 1: {
            QFile f(m_file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(
                f.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
            break;
        }
        case 2:
            QVERIFY(writeByRename(m_file, before));
            break;
        case 3:
            editComment(m_doc->document(), QStringLiteral("same text"));
            QVERIFY(writeInPlace(m_file, m_doc->document()->text()));
            break;
        }
        QVERIFY(checked.wait(kWaitMs));
        QVERIFY(!m_watcher->changedOnDisk());
        QVERIFY(!m_watcher->deletedOnDisk());
        // Still watching: a real change afterwards is reported.
        QVERIFY(writeByRename(m_file, withComment(QStringLiteral("theirs"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
    }

    void deletionIsReported()
    {
        QVERIFY(QFile::remove(m_file));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->deletedOnDisk(), kWaitMs);
        QVERIFY(!m_watcher->changedOnDisk());
        m_watcher->keepMine();
        QVERIFY(m_doc->isModified());
        QVERIFY(m_doc->save());
        QCOMPARE(readAll(m_file), withComment(QStringLiteral("original")));
    }

    void reloadGoesThroughTheLoader()
    {
        gui::DocumentLoader loader;
        loader.setDocument(m_doc.get());
        m_watcher->setLoader(&loader);
        QVERIFY(writeByRename(m_file, withComment(QStringLiteral("theirs"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_watcher->changedOnDisk(), kWaitMs);
        QSignalSpy finished(&loader, &gui::DocumentLoader::finished);
        m_watcher->reload();
        QVERIFY(loader.isBusy());
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(m_doc->document()->root()[u"Comment"].toString(), QStringLiteral("theirs"));
        m_watcher->setLoader(nullptr);
    }
};

QTEST_MAIN(TestFileWatch)
#include "tst_filewatch.moc"
