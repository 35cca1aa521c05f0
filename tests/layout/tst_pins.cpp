// Pinned positions: the FILE.layout.json sidecar (read, write, remove, errors), the Document
// loading and saving it beside the definition without touching the ASL, and the MoveStates and
// ClearPins commands (redo, undo, compare; modified flag).
#include "shared.h"

#include "edit/document.h"
#include "edit/layoutcommands.h"
#include "edit/layoutsidecar.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

const QByteArray kDefinition = R"({
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Next": "B"
    },
    "B": {
      "Type": "Succeed"
    }
  }
}
)";

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestPins : public QObject
{
    Q_OBJECT

private slots:
    void sidecarRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("flow.asl.json"));
        QCOMPARE(edit::sidecarPath(file), file + QStringLiteral(".layout.json"));
        edit::Pins pins;
        QVERIFY(edit::readSidecar(file, &pins).isEmpty()); // no sidecar: no pins, no error
        QVERIFY(pins.isEmpty());
        const edit::Pins written{{QStringLiteral("/States/A"), QPointF(10.5, -3)},
                                 {QStringLiteral("/States/P/Branches/0/States/X"), QPointF(0, 120)}};
        QVERIFY(edit::writeSidecar(file, written).isEmpty());
        QVERIFY(edit::readSidecar(file, &pins).isEmpty());
        QCOMPARE(pins, written);
        QVERIFY(read(edit::sidecarPath(file)).contains("\"/States/A\": [\n      10.5,\n      -3\n    ]"));
        QVERIFY(edit::writeSidecar(file, {}).isEmpty()); // nothing pinned: the sidecar goes
        QVERIFY(!QFile::exists(edit::sidecarPath(file)));
    }

    void sidecarErrors()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("flow.asl.json"));
        edit::Pins pins;
        QVERIFY(write(edit::sidecarPath(file), "{not json"));
        QVERIFY(!edit::readSidecar(file, &pins).isEmpty());
        QVERIFY(write(edit::sidecarPath(file), R"({"pins": {"/States/A": [1]}})"));
        QVERIFY(edit::readSidecar(file, &pins).contains(QStringLiteral("/States/A")));
        QVERIFY(write(edit::sidecarPath(file), R"({"version": 1})"));
        QVERIFY(!edit::readSidecar(file, &pins).isEmpty());
    }

    void documentLoadsAndSavesPinsBesideTheDefinition()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("flow.asl.json"));
        QVERIFY(write(file, kDefinition));
        QVERIFY(edit::writeSidecar(file, {{QStringLiteral("/States/A"), QPointF(1, 2)}}).isEmpty());
        edit::Document doc;
        QVERIFY(doc.loadFile(file).isEmpty());
        QCOMPARE(doc.pins().value(QStringLiteral("/States/A")), QPointF(1, 2));
        QVERIFY(!doc.isModified());

        doc.undoStack()->push(
            new edit::MoveStatesCommand(&doc, {{QStringLiteral("/States/B"), QPointF(30, 40)}}));
        QVERIFY(doc.isModified());
        QVERIFY(doc.saveFile().isEmpty());
        QVERIFY(!doc.isModified());
        QCOMPARE(read(file), kDefinition); // the ASL is untouched
        edit::Pins saved;
        QVERIFY(edit::readSidecar(file, &saved).isEmpty());
        QCOMPARE(saved, (edit::Pins{{QStringLiteral("/States/A"), QPointF(1, 2)},
                                    {QStringLiteral("/States/B"), QPointF(30, 40)}}));

        // Save As writes the sidecar beside the new file.
        const QString copy = dir.filePath(QStringLiteral("copy.asl.json"));
        QVERIFY(doc.saveFile(copy).isEmpty());
        QVERIFY(QFile::exists(edit::sidecarPath(copy)));

        // Auto-layout clears the pins; saving removes the sidecar.
        doc.undoStack()->push(new edit::ClearPinsCommand(&doc));
        QVERIFY(doc.pins().isEmpty());
        QVERIFY(doc.saveFile().isEmpty());
        QVERIFY(!QFile::exists(edit::sidecarPath(copy)));

        // A broken sidecar loads no pins and says why.
        QVERIFY(write(edit::sidecarPath(file), "[]"));
        QVERIFY(doc.loadFile(file).isEmpty());
        QVERIFY(doc.pins().isEmpty());
        QVERIFY(!doc.sidecarError().isEmpty());
    }

    void commandsUndoAndRedo()
    {
        edit::Document doc;
        doc.loadText(kDefinition);
        const edit::Pins start{{QStringLiteral("/States/A"), QPointF(5, 5)}};
        doc.setPins(start);
        QSignalSpy changed(&doc, &edit::Document::pinsChanged);

        doc.undoStack()->push(
            new edit::MoveStatesCommand(&doc, {{QStringLiteral("/States/A"), QPointF(50, 60)},
                                               {QStringLiteral("/States/B"), QPointF(70, 80)}}));
        const edit::Pins moved{{QStringLiteral("/States/A"), QPointF(50, 60)},
                               {QStringLiteral("/States/B"), QPointF(70, 80)}};
        QCOMPARE(doc.pins(), moved);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move 2 states"));
        doc.undoStack()->undo();
        QCOMPARE(doc.pins(), start); // B was not pinned before: it is unpinned again
        doc.undoStack()->redo();
        QCOMPARE(doc.pins(), moved);

        doc.undoStack()->push(new edit::ClearPinsCommand(&doc));
        QVERIFY(doc.pins().isEmpty());
        doc.undoStack()->undo();
        QCOMPARE(doc.pins(), moved);
        QCOMPARE(changed.count(), 5);
    }
};

QTEST_GUILESS_MAIN(TestPins)
#include "tst_pins.moc"
