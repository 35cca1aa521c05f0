// The Retry row preview: delays by the States Language formula (IntervalSeconds x
// BackoffRate^(n-1), capped at MaxDelaySeconds, defaults 1 s / 3 / 2.0), the time to giving up
// and the billed transitions. Expected texts are worked out by hand in each row's comment.
#include "edit/retryschedule.h"
#include "json/jsonreader.h"

#include <QTest>

using namespace sw;

class TestRetrySchedule : public QObject
{
    Q_OBJECT

private slots:
    void describe_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("expected");
        // 2, 4, 8: sum 14.
        QTest::newRow("issue example")
            << QByteArray(
                   R"({"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2})")
            << "retries after 2 s, 4 s, 8 s; gives up 14 s after the first failure; up to 3 extra "
               "transitions";
        // Defaults 1 s, 3 attempts, rate 2: 1, 2, 4, sum 7.
        QTest::newRow("defaults")
            << QByteArray(R"({"ErrorEquals": ["States.ALL"]})")
            << "retries after 1 s, 2 s, 4 s; gives up 7 s after the first failure; up to 3 extra transitions";
        // 3, 4.5, 6.75, 10.125: sum 24.375.
        QTest::newRow("rate 1.5")
            << QByteArray(
                   R"({"ErrorEquals": ["X"], "IntervalSeconds": 3, "MaxAttempts": 4, "BackoffRate": 1.5})")
            << "retries after 3 s, 4.5 s, 6.8 s, 10.1 s; gives up 24.4 s after the first failure; up to 4 "
               "extra transitions";
        // 10, 30, 90 -> 60, 270 -> 60, 810 -> 60: sum 220 = 3 min 40 s.
        QTest::newRow("max delay")
            << QByteArray(
                   R"({"ErrorEquals": ["X"], "IntervalSeconds": 10, "MaxAttempts": 5, "BackoffRate": 3, "MaxDelaySeconds": 60})")
            << "retries after 10 s, 30 s, 1 min, 1 min, 1 min; gives up 3 min 40 s after the first failure; "
               "up to 5 extra transitions";
        // FULL jitter: each delay between 0 and 1, 2.
        QTest::newRow("full jitter")
            << QByteArray(R"({"ErrorEquals": ["X"], "MaxAttempts": 2, "JitterStrategy": "FULL"})")
            << "retries after 0\u20131 s, 0\u20132 s; gives up 0\u20133 s after the first failure; up to 2 "
               "extra transitions";
        QTest::newRow("jitter none")
            << QByteArray(R"({"ErrorEquals": ["X"], "MaxAttempts": 1, "JitterStrategy": "NONE"})")
            << "retries after 1 s; gives up 1 s after the first failure; up to 1 extra transition";
        QTest::newRow("no retries") << QByteArray(R"({"ErrorEquals": ["X"], "MaxAttempts": 0})")
                                    << "never retries (MaxAttempts 0)";
        // 1, 2, 4, ..., 512: sum 1023 s = 17 min 3 s; 512 s = 8 min 32 s.
        QTest::newRow("long") << QByteArray(R"({"ErrorEquals": ["X"], "MaxAttempts": 10})")
                              << "retries after 1 s, 2 s, 4 s, \u2026, 8 min 32 s; gives up 17 min 3 s after "
                                 "the first failure; up to 10 extra transitions";
        // 1 h cap: 3600 x 3 = 3 h, plus 1800 = 3 h 30 min.
        QTest::newRow("hours")
            << QByteArray(
                   R"({"ErrorEquals": ["X"], "IntervalSeconds": 1800, "MaxAttempts": 4, "BackoffRate": 2, "MaxDelaySeconds": 3600})")
            << "retries after 30 min, 1 h, 1 h, 1 h; gives up 3 h 30 min after the first failure; up to 4 "
               "extra transitions";
    }

    void describe()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, expected);
        const Json r = JsonReader::parseOrUndefined(row);
        QVERIFY(r.isObject());
        QCOMPARE(edit::describeRetrySchedule(edit::retrySchedule(r)), expected);
    }

    void hugeMaxAttempts()
    {
        // AWS accepts up to 99999999 attempts: the total is still exact once the delays are capped.
        const Json r = JsonReader::parseOrUndefined(
            R"({"ErrorEquals": ["X"], "MaxAttempts": 99999999, "MaxDelaySeconds": 1})");
        const edit::RetrySchedule s = edit::retrySchedule(r);
        QCOMPARE(s.retries, 99999999);
        QCOMPARE(s.total, 1.0 + 99999998.0); // 1 s, then every delay capped at 1 s
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "tst_retryschedule.moc"
