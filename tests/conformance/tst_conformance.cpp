// Conformance over ../shared/corpus/conformance: executions recorded on real AWS Step Functions.
// Prints the pass rate per feature group and every failure, and asserts the rate reached so far
// (raised as it rises, never lowered; the goal is 99%).
#include "conformancecase.h"
#include "shared.h"

#include <QDirIterator>
#include <QtTest>

#include <map>

// The pass rate this suite has reached; a regression below it fails the test.
static constexpr double kRequiredPassRate = 1.0; // 491 of 491

class TestConformance : public QObject
{
    Q_OBJECT
private slots:
    void corpus()
    {
        REQUIRE_SHARED(shared);
        const QString root = shared + QStringLiteral("/corpus/conformance");
        QStringList cases = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(!cases.isEmpty());
        sw::sim::JsonataEngine jsonata;
        std::map<QString, std::pair<int, int>> groups; // group -> (passed, total)
        int passed = 0;
        QStringList failures;
        for (const QString &name : cases) {
            const ConformanceResult r = runConformanceCase(root + QLatin1Char('/') + name, &jsonata);
            const QString group = name.section(QStringLiteral("__"), 0, 0);
            auto &g = groups[group];
            ++g.second;
            if (r.passed) {
                ++g.first;
                ++passed;
            } else {
                failures.append(QStringLiteral("%1: %2").arg(name, r.detail));
            }
        }
        QTextStream out(stdout);
        out << "\nConformance by feature group:\n";
        for (const auto &[group, pr] : groups)
            out << QStringLiteral("  %1 %2/%3\n").arg(group.leftJustified(24)).arg(pr.first).arg(pr.second);
        const double rate = double(passed) / double(cases.size());
        out << QStringLiteral("  %1 %2/%3 = %4%\n").arg(QStringLiteral("TOTAL").leftJustified(24)).arg(passed).arg(cases.size()).arg(rate * 100, 0, 'f', 1);
        if (!failures.isEmpty()) {
            out << "\nFailures:\n";
            for (const QString &f : failures)
                out << "  " << f << '\n';
        }
        out.flush();
        QVERIFY2(rate >= kRequiredPassRate,
                 qPrintable(QStringLiteral("conformance fell to %1%, below the %2% already reached").arg(rate * 100).arg(kRequiredPassRate * 100)));
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
