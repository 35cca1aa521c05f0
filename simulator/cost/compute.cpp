#include "compute.h"

#include "json/jsonreader.h"

#include <QFile>

#include <cmath>

namespace sw::cost {

QString ComputeSettings::describe() const
{
    QString s;
    if (service == Service::Lambda)
        s = QStringLiteral("Lambda %1 MB %2").arg(memoryMB).arg(toString(architecture));
    else if (service == Service::Fargate)
        s = QStringLiteral("Fargate %1 vCPU / %2 GB %3").arg(vcpu).arg(memoryGB).arg(toString(architecture));
    if (service == Service::Fargate && priceFactor != 1)
        s += QStringLiteral(" (x%1 of On-Demand)").arg(priceFactor);
    if (durationSeconds >= 0) s += QStringLiteral(", %1 s each").arg(durationSeconds);
    return s;
}

namespace {

class ComputeParser
{
public:
    QString error;

    bool fail(const QString &pointer, const QString &message)
    {
        if (error.isEmpty()) error = QStringLiteral("%1: %2").arg(pointer, message);
        return false;
    }

    bool keys(const Json &o, const QString &pointer, const QStringList &allowed)
    {
        if (!o.isObject()) return fail(pointer, QStringLiteral("expected an object"));
        for (const auto &m : o.members()) {
            if (!allowed.contains(m.key))
                return fail(jsonpointer::append(pointer, m.key),
                            QStringLiteral("unknown field '%1' (expected %2)")
                                .arg(m.key, allowed.join(QStringLiteral(", "))));
        }
        return true;
    }

    bool number(const Json &o, const QString &key, const QString &pointer, double lo, double hi, double &out,
                bool required)
    {
        const Json &v = o[QStringView(key)];
        if (v.isUndefined()) {
            if (required) return fail(pointer, QStringLiteral("'%1' is required").arg(key));
            return true;
        }
        if (!v.isNumber() || !std::isfinite(v.toDouble()) || v.toDouble() < lo || v.toDouble() > hi)
            return fail(jsonpointer::append(pointer, key),
                        QStringLiteral("expected a number from %1 to %2").arg(lo).arg(hi));
        out = v.toDouble();
        return true;
    }

    bool architecture(const Json &o, const QString &pointer, Architecture &out)
    {
        const Json &v = o[u"Architecture"];
        if (v.isUndefined()) return true;
        if (v.toString() == QLatin1String("x86_64"))
            out = Architecture::X86_64;
        else if (v.toString() == QLatin1String("arm64"))
            out = Architecture::Arm64;
        else
            return fail(pointer + QStringLiteral("/Architecture"),
                        QStringLiteral("expected \"x86_64\" or \"arm64\""));
        return true;
    }

    bool lambda(const Json &o, const QString &pointer, ComputeSettings &s)
    {
        s.service = ComputeSettings::Service::Lambda;
        // Lambda memory: 128 MB to 10,240 MB (pricing.md section 3).
        return keys(o, pointer, {QStringLiteral("MemoryMB"), QStringLiteral("Architecture")}) &&
               number(o, QStringLiteral("MemoryMB"), pointer, 128, 10240, s.memoryMB, true) &&
               architecture(o, pointer, s.architecture);
    }

    bool fargate(const Json &o, const QString &pointer, ComputeSettings &s)
    {
        s.service = ComputeSettings::Service::Fargate;
        return keys(o, pointer,
                    {QStringLiteral("vCPU"), QStringLiteral("MemoryGB"), QStringLiteral("Architecture"),
                     QStringLiteral("PriceFactor")}) &&
               number(o, QStringLiteral("vCPU"), pointer, 0.25, 192, s.vcpu, true) &&
               number(o, QStringLiteral("MemoryGB"), pointer, 0.5, 1024, s.memoryGB, true) &&
               number(o, QStringLiteral("PriceFactor"), pointer, 0, 1, s.priceFactor, false) &&
               architecture(o, pointer, s.architecture);
    }

    // {"Lambda": {...}} or {"Fargate": {...}}, with an optional "DurationSeconds".
    bool state(const Json &o, const QString &pointer, ComputeSettings &s)
    {
        if (!keys(o, pointer,
                  {QStringLiteral("Lambda"), QStringLiteral("Fargate"), QStringLiteral("DurationSeconds"),
                   QStringLiteral("Comment")}))
            return false;
        if (o.contains(u"Lambda") == o.contains(u"Fargate"))
            return fail(pointer, QStringLiteral("give exactly one of \"Lambda\" or \"Fargate\""));
        if (!number(o, QStringLiteral("DurationSeconds"), pointer, 0, 31536000, s.durationSeconds, false))
            return false;
        return o.contains(u"Lambda") ? lambda(o[u"Lambda"], pointer + QStringLiteral("/Lambda"), s)
                                     : fargate(o[u"Fargate"], pointer + QStringLiteral("/Fargate"), s);
    }
};

} // namespace

std::optional<ComputeConfig> ComputeConfig::parse(const Json &root, QString *error)
{
    ComputeParser p;
    ComputeConfig c;
    auto failed = [&] {
        if (error) *error = p.error;
        return std::nullopt;
    };
    if (!p.keys(root, QString(),
                {QStringLiteral("Lambda"), QStringLiteral("Fargate"), QStringLiteral("States"),
                 QStringLiteral("Comment")}))
        return failed();
    if (root.contains(u"Lambda")) {
        ComputeSettings s;
        s.origin = QStringLiteral("default Lambda");
        if (!p.lambda(root[u"Lambda"], QStringLiteral("/Lambda"), s)) return failed();
        c.m_lambda = s;
    }
    if (root.contains(u"Fargate")) {
        ComputeSettings s;
        s.origin = QStringLiteral("default Fargate");
        if (!p.fargate(root[u"Fargate"], QStringLiteral("/Fargate"), s)) return failed();
        c.m_fargate = s;
    }
    const Json &states = root[u"States"];
    if (states.isDefined() && !states.isObject()) {
        p.fail(QStringLiteral("/States"),
               QStringLiteral("expected an object mapping state names to settings"));
        return failed();
    }
    for (const auto &m : states.members()) {
        ComputeSettings s;
        s.origin = QStringLiteral("States/%1").arg(m.key);
        if (!p.state(m.value, jsonpointer::append(QStringLiteral("/States"), m.key), s)) return failed();
        c.m_states.insert(m.key, s);
    }
    return c;
}

std::optional<ComputeConfig> ComputeConfig::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const auto r = JsonReader::parse(f.readAll());
    if (!r.ok) {
        if (error)
            *error = QStringLiteral("%1:%2:%3: %4")
                         .arg(path)
                         .arg(r.errorPos.line)
                         .arg(r.errorPos.column)
                         .arg(r.error);
        return std::nullopt;
    }
    QString e;
    auto c = parse(r.value, &e);
    if (!c && error) *error = QStringLiteral("%1: %2").arg(path, e);
    return c;
}

bool ComputeConfig::invokesLambda(const QString &resource)
{
    return resource.startsWith(QLatin1String("arn:aws:states:::lambda:invoke")) ||
           (resource.startsWith(QLatin1String("arn:aws:lambda:")) &&
            resource.contains(QLatin1String(":function:")));
}

bool ComputeConfig::runsEcsTask(const QString &resource)
{
    return resource.startsWith(QLatin1String("arn:aws:states:::ecs:runTask"));
}

ComputeSettings ComputeConfig::settingsFor(const asl::State &state) const
{
    const auto it = m_states.constFind(state.name);
    if (it != m_states.constEnd()) return *it;
    if (state.type == asl::StateType::Task) {
        if (m_lambda && invokesLambda(state.resource)) return *m_lambda;
        if (m_fargate && runsEcsTask(state.resource)) return *m_fargate;
    }
    return {};
}

} // namespace sw::cost
