// The diagram exporters: DOT that Graphviz's own `dot` accepts, SVG with state names as text that
// parses as XML, PNG of the expected size; the registry that `stepwise export` lists.
#include "shared.h"

#include "asl/asldocument.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"

#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace sw;

class TestExport : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        asl::AslDocument doc;
        layout::Geometry geometry;
        render::ExportInput input;
    };
    static void make(const QString &path, Fixture &f)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        f.doc = asl::AslDocument::fromText(file.readAll());
        QVERIFY(f.doc.parsed);
        const render::FontTextMetrics metrics(render::DiagramStyle::light());
        layout::Options options;
        options.metrics = &metrics;
        f.geometry = layout::layoutMachine(f.doc.machine, options);
        f.input.machine = &f.doc.machine;
        f.input.geometry = &f.geometry;
        f.input.style = render::DiagramStyle::light();
        f.input.scale = 1;
    }

private slots:
    void registry()
    {
        QStringList names;
        for (const render::Exporter &e : render::exporters())
            names << e.name;
        // The drawings first, then the text formats of model/formats.
        QCOMPARE(names, (QStringList{QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("dot"),
                                     QStringLiteral("mermaid"), QStringLiteral("yaml"), QStringLiteral("json"),
                                     QStringLiteral("cloudformation"), QStringLiteral("sam"),
                                     QStringLiteral("terraform")}));
        QVERIFY(render::findExporter(QStringLiteral("SVG")));
        QVERIFY(!render::findExporter(QStringLiteral("gif")));
        QVERIFY(render::findExporter(QStringLiteral("png"))->binary);
    }

    void formats_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(sourceDir() + QStringLiteral("/resources/examples"), {QStringLiteral("*.json")});
        while (it.hasNext()) {
            const QString p = it.next();
            QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
        }
    }

    void formats()
    {
        QFETCH(QString, path);
        Fixture f;
        make(path, f);
        QString error;

        // SVG: well-formed, every state's name as a text element, Catch routes dashed.
        const QByteArray svg = render::exportSvg(f.input, &error);
        QVERIFY(error.isEmpty());
        QXmlStreamReader xml(svg);
        QStringList texts;
        int dashedCatch = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("text"))
                texts << xml.readElementText();
            else if (xml.isStartElement() && xml.name() == QLatin1String("path") &&
                     xml.attributes().value(QLatin1String("class")) == QLatin1String("catch") &&
                     !xml.attributes().value(QLatin1String("stroke-dasharray")).isEmpty())
                ++dashedCatch;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        int catches = 0;
        for (const layout::EdgeGeometry &e : f.geometry.edges)
            catches += e.kind == layout::EdgeKind::Catch;
        QCOMPARE(dashedCatch, catches);
        for (const asl::State *s : f.doc.machine.allStates())
            QVERIFY2(texts.contains(s->name), qPrintable(s->name));

        // PNG: the diagram at scale 1.
        const QImage png = QImage::fromData(render::exportPng(f.input, &error), "PNG");
        QVERIFY(error.isEmpty());
        QCOMPARE(png.size(), QSize(int(std::ceil(f.geometry.bounds.width())),
                                   int(std::ceil(f.geometry.bounds.height()))));

        // DOT: Graphviz's dot reads and lays it out, with one cluster per Parallel, branch and Map.
        const QByteArray dot = render::exportDot(f.input, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(int(dot.count("subgraph \"cluster_")), int(f.geometry.clusters.size()));
        if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty())
            QSKIP("Graphviz's dot is not installed");
        QProcess p;
        p.start(QStringLiteral("dot"), {QStringLiteral("-Tdot")});
        QVERIFY(p.waitForStarted());
        p.write(dot);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QByteArray laidOut = p.readAllStandardOutput();
        for (const asl::State *s : f.doc.machine.allStates()) {
            if (!f.geometry.node(s->pointer)->composite)
                QVERIFY2(laidOut.contains(s->pointer.toUtf8()), qPrintable(s->pointer));
        }
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
