#pragma once

#include "cost/costmodel.h"
#include "cost/pricetable.h"
#include "cost/sample.h"
#include "costjob.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>
#include <QThreadPool>
#include <QVariantList>
#include <QVariantMap>

#include <atomic>
#include <memory>
#include <optional>

namespace sw::gui {

class DiagramController;
class DocumentController;
class PlaceholderValues;

// The Cost panel's model. run() simulates the open definition (placeholders resolved) N times on
// a worker thread with the chosen input and mocks, cancellable, with progress; the result is then
// priced by cost::CostModel on the GUI thread, which is pure arithmetic, so changing how often it
// runs, the region, the type, the free tier or the start option re-prices at once without
// simulating again. It shows the report as plain values for QML (summary, breakdown, Standard vs
// Express, hints, histogram), paints the per-state heat overlay on the canvas (layer "cost") and
// exports the report (Markdown, CSV, JSON) with cost::report.
class CostController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("diagramcontroller.h")
    Q_MOC_INCLUDE("documentcontroller.h")
    Q_MOC_INCLUDE("placeholdervalues.h")
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::PlaceholderValues *placeholders READ placeholders WRITE setPlaceholders NOTIFY
                   placeholdersChanged)
    Q_PROPERTY(sw::gui::DiagramController *diagram READ diagram WRITE setDiagram NOTIFY diagramChanged)
    Q_PROPERTY(bool heatMap READ heatMap WRITE setHeatMap NOTIFY heatMapChanged)

    // How often it runs: "schedule" (an EventBridge expression) or a count per "month", "week", "day".
    Q_PROPERTY(QString frequency READ frequency WRITE setFrequency NOTIFY settingsChanged)
    Q_PROPERTY(QString schedule READ schedule WRITE setSchedule NOTIFY settingsChanged)
    Q_PROPERTY(QString timeZone READ timeZone WRITE setTimeZone NOTIFY settingsChanged)
    Q_PROPERTY(double executions READ executions WRITE setExecutions NOTIFY settingsChanged)
    Q_PROPERTY(QString region READ region WRITE setRegion NOTIFY settingsChanged)
    Q_PROPERTY(QString workflowType READ workflowType WRITE setWorkflowType NOTIFY settingsChanged)
    Q_PROPERTY(bool freeTier READ freeTier WRITE setFreeTier NOTIFY settingsChanged)
    Q_PROPERTY(bool countStart READ countStart WRITE setCountStart NOTIFY settingsChanged)
    // What the runs need (changing them makes the report stale until the next run).
    Q_PROPERTY(int runs READ runs WRITE setRuns NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    Q_PROPERTY(QString inputText READ inputText WRITE setInputText NOTIFY settingsChanged)
    Q_PROPERTY(QString mocksFile READ mocksFile WRITE setMocksFile NOTIFY settingsChanged)
    Q_PROPERTY(QString testCase READ testCase WRITE setTestCase NOTIFY settingsChanged)
    Q_PROPERTY(QStringList testCases READ testCases NOTIFY settingsChanged)
    Q_PROPERTY(QVariantList regions READ regions CONSTANT)

    // The frequency as executions a month, and how it was obtained (or why it cannot be).
    Q_PROPERTY(double executionsPerMonth READ executionsPerMonth NOTIFY settingsChanged)
    Q_PROPERTY(QString executionsBasis READ executionsBasis NOTIFY settingsChanged)
    Q_PROPERTY(QString settingsError READ settingsError NOTIFY settingsChanged)

    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString error READ error NOTIFY reportChanged)
    Q_PROPERTY(bool hasReport READ hasReport NOTIFY reportChanged)
    // The definition, input, mocks or runs changed since the report was simulated.
    Q_PROPERTY(bool stale READ isStale NOTIFY staleChanged)

    Q_PROPERTY(QVariantMap summary READ summary NOTIFY reportChanged)
    Q_PROPERTY(QVariantList breakdown READ breakdown NOTIFY reportChanged)
    Q_PROPERTY(QVariantList comparison READ comparison NOTIFY reportChanged)
    Q_PROPERTY(QVariantList hints READ hints NOTIFY reportChanged)
    Q_PROPERTY(QVariantList histogram READ histogram NOTIFY reportChanged)
    Q_PROPERTY(int histogramMax READ histogramMax NOTIFY reportChanged)
    Q_PROPERTY(QStringList notes READ notes NOTIFY reportChanged)
public:
    explicit CostController(QObject *parent = nullptr);
    ~CostController() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    PlaceholderValues *placeholders() const { return m_placeholders; }
    void setPlaceholders(PlaceholderValues *placeholders);
    DiagramController *diagram() const { return m_diagram; }
    void setDiagram(DiagramController *diagram);
    bool heatMap() const { return m_heatMap; }
    void setHeatMap(bool on);

    QString frequency() const { return m_frequency; }
    void setFrequency(const QString &f);
    QString schedule() const { return m_schedule; }
    void setSchedule(const QString &s);
    QString timeZone() const { return m_timeZone; }
    void setTimeZone(const QString &tz);
    double executions() const { return m_executions; }
    void setExecutions(double n);
    QString region() const { return m_settings.region; }
    void setRegion(const QString &r);
    QString workflowType() const { return cost::toString(m_settings.type); }
    void setWorkflowType(const QString &t);
    bool freeTier() const { return m_settings.freeTier; }
    void setFreeTier(bool on);
    bool countStart() const { return m_settings.countStart; }
    void setCountStart(bool on);
    int runs() const { return m_runs; }
    void setRuns(int n);
    int seed() const { return m_seed; }
    void setSeed(int s);
    QString inputText() const { return m_input; }
    void setInputText(const QString &text);
    QString mocksFile() const { return m_mocks; }
    void setMocksFile(const QString &pathOrUrl);
    QString testCase() const { return m_testCase; }
    void setTestCase(const QString &name);
    QStringList testCases() const { return m_testCases; }
    QVariantList regions() const;

    double executionsPerMonth() const { return m_settings.executionsPerMonth; }
    QString executionsBasis() const { return m_settings.executionsBasis; }
    QString settingsError() const { return m_settingsError; }

    bool isRunning() const { return m_running; }
    double progress() const { return m_progress; }
    QString error() const { return m_error; }
    bool hasReport() const { return m_report.has_value(); }
    bool isStale() const { return m_stale; }

    QVariantMap summary() const;
    QVariantList breakdown() const;
    QVariantList comparison() const;
    QVariantList hints() const;
    QVariantList histogram() const;
    int histogramMax() const;
    QStringList notes() const;

    // For tests and exports: the last report, the runs it priced, the settings it used.
    const cost::CostReport *report() const { return m_report ? &*m_report : nullptr; }
    const cost::SimulationResult &simulation() const { return m_simulation; }
    const asl::StateMachine &simulatedMachine() const { return m_machine; }
    const cost::PriceTable &prices() const { return m_prices; }
    cost::CostSettings costSettings() const { return m_settings; }

    // Starts the runs (a run in progress is cancelled first). Does nothing but set `error` when
    // there is no definition or the settings are invalid.
    Q_INVOKABLE void run();
    Q_INVOKABLE void cancel();
    // The report as "markdown", "csv" or "json" (empty without a report).
    Q_INVOKABLE QString reportText(const QString &format) const;
    // Writes reportText(format) atomically; the format comes from the suffix when empty.
    // Returns "" or the error.
    Q_INVOKABLE QString exportReport(const QString &pathOrUrl, const QString &format = QString()) const;
    Q_INVOKABLE static QString money(double dollars);
    Q_INVOKABLE static QString count(double n);

signals:
    void documentChanged();
    void placeholdersChanged();
    void diagramChanged();
    void heatMapChanged();
    void settingsChanged();
    void runningChanged();
    void progressChanged();
    void reportChanged();
    void staleChanged();
    void finished(); // a run ended (finished, failed or cancelled)

private:
    void definitionChanged(); // the definition, input, mocks, runs or seed changed
    void documentLoaded();
    void setStale(bool stale);
    void updateExecutions();
    void reprice();
    void updateOverlay();
    void accept(quint64 generation, const CostJobOutput &out, bool cancelled);
    void findMocksBeside(const QString &definitionPath);

    QPointer<DocumentController> m_document;
    QPointer<PlaceholderValues> m_placeholders;
    QPointer<DiagramController> m_diagram;
    bool m_heatMap = true;

    QString m_frequency = QStringLiteral("month");
    QString m_schedule = QStringLiteral("cron(0 3 ? * MON *)");
    QString m_timeZone = QStringLiteral("UTC");
    double m_executions = 1000;
    int m_runs = 1000;
    int m_seed = 0;
    QString m_input = QStringLiteral("{}");
    QString m_mocks;
    bool m_mocksChosen = false; // by the user (else found beside the definition)
    QString m_testCase;
    QStringList m_testCases;
    QString m_settingsError;

    cost::PriceTable m_prices;
    cost::CostSettings m_settings;

    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_running = false;
    double m_progress = 0;
    bool m_stale = false;
    bool m_changedDuringRun = false;

    QString m_error;
    asl::StateMachine m_machine;
    cost::SimulationResult m_simulation;
    std::optional<cost::CostReport> m_report;
    QString m_simulatedFile;
};

} // namespace sw::gui
