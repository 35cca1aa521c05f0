#include "pricetable.h"

#include "json/jsonreader.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace sw::cost {

namespace {

// Reads typed values out of the table, remembering the first problem (pointer + message).
class TableReader
{
public:
    QString error;

    bool ok() const { return error.isEmpty(); }

    void fail(const QString &pointer, const QString &message)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(pointer.isEmpty() ? QStringLiteral("/") : pointer, message);
    }

    const Json &object(const Json &parent, const QString &key, const QString &pointer)
    {
        const Json &v = parent[QStringView(key)];
        if (!v.isObject()) fail(jsonpointer::append(pointer, key), QStringLiteral("expected an object"));
        return v;
    }

    double number(const Json &v, const QString &pointer, bool positive = false)
    {
        if (!v.isNumber() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 ||
            (positive && v.toDouble() <= 0)) {
            fail(pointer, positive ? QStringLiteral("expected a number > 0")
                                   : QStringLiteral("expected a number >= 0"));
            return 0;
        }
        return v.toDouble();
    }

    QString string(const Json &v, const QString &pointer, bool required = true)
    {
        if (v.isUndefined() && !required) return QString();
        if (!v.isString()) {
            fail(pointer, QStringLiteral("expected a string"));
            return QString();
        }
        return v.toString();
    }

    // {"value": number, "source": "S1"}; `scale` converts the stored unit (per million...).
    Figure figure(const Json &parent, const QString &key, const QString &pointer, double scale = 1,
                  bool positive = false)
    {
        const QString p = jsonpointer::append(pointer, key);
        const Json &v = parent[QStringView(key)];
        if (!v.isObject()) {
            fail(p, QStringLiteral("expected {\"value\": number, \"source\": id}"));
            return {};
        }
        return Figure{number(v[u"value"], p + QStringLiteral("/value"), positive) * scale,
                      string(v[u"source"], p + QStringLiteral("/source"), false)};
    }

    // [{"upTo<unit>": n, "price": p, "source": id}, ..., {"price": p}]: ascending bands, the last open.
    QList<Tier> tiers(const Json &v, const QString &upToKey, const QString &pointer, double quantityScale,
                      double priceScale)
    {
        QList<Tier> out;
        if (!v.isArray() || v.isEmpty()) {
            fail(pointer, QStringLiteral("expected a non-empty array of price bands"));
            return out;
        }
        double previous = 0;
        for (qsizetype i = 0; i < v.size(); ++i) {
            const Json &t = v[i];
            const QString p = jsonpointer::append(pointer, i);
            if (!t.isObject()) {
                fail(p, QStringLiteral("expected a price band object"));
                return out;
            }
            Tier tier;
            tier.price = number(t[u"price"], p + QStringLiteral("/price")) * priceScale;
            tier.source = string(t[QStringView(u"source")], p + QStringLiteral("/source"), false);
            const bool last = i == v.size() - 1;
            const Json &upTo = t[QStringView(upToKey)];
            if (last) {
                if (upTo.isDefined()) {
                    fail(p + QLatin1Char('/') + upToKey, QStringLiteral("the last band has no upper bound"));
                    return out;
                }
            } else {
                tier.upTo = number(upTo, p + QLatin1Char('/') + upToKey, true) * quantityScale;
                if (tier.upTo <= previous) {
                    fail(p + QLatin1Char('/') + upToKey,
                         QStringLiteral("bands must have increasing upper bounds"));
                    return out;
                }
                previous = tier.upTo;
            }
            out.append(tier);
        }
        return out;
    }

    QStringList regions(const Json &parent, const QString &pointer)
    {
        QStringList out;
        const Json &v = parent[u"regions"];
        if (v.isUndefined()) return out;
        if (!v.isArray()) {
            fail(pointer + QStringLiteral("/regions"), QStringLiteral("expected an array of region codes"));
            return out;
        }
        for (const Json &r : v.items())
            out.append(r.toString());
        return out;
    }
};

bool isFigureLike(const Json &v)
{
    if (!v.isObject()) return false;
    for (const auto &m : v.members()) {
        if (m.value.isNumber()) return true;
    }
    return false;
}

} // namespace

double tieredCost(double quantity, const QList<Tier> &tiers)
{
    double cost = 0;
    double lower = 0;
    for (const Tier &t : tiers) {
        if (quantity <= lower) break;
        const double inBand = std::min(quantity, t.upTo) - lower;
        cost += inBand * t.price;
        lower = t.upTo;
    }
    return cost;
}

QByteArray PriceTable::builtInText()
{
    QFile f(QStringLiteral(":/stepwise/pricing/prices.json"));
    if (!f.open(QIODevice::ReadOnly)) return QByteArray();
    return f.readAll();
}

PriceTable PriceTable::builtIn()
{
    // tests/cost checks the resource; should a broken build ship anyway, say so loudly and price
    // nothing rather than abort the application.
    static const PriceTable table = [] {
        QString error;
        const auto t = fromJson(JsonReader::parseOrUndefined(builtInText()), &error);
        if (!t)
            qCritical("stepwise: the built-in price table :/stepwise/pricing/prices.json is unusable: %s",
                      qPrintable(error));
        return t ? *t : PriceTable();
    }();
    return table;
}

std::optional<PriceTable> PriceTable::fromJson(const Json &root, QString *error)
{
    TableReader r;
    PriceTable t;
    if (!root.isObject()) {
        if (error) *error = QStringLiteral("a price table must be a JSON object");
        return std::nullopt;
    }
    t.json = root;
    t.date = r.string(root[u"date"], QStringLiteral("/date"));
    if (r.ok() && !QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$")).match(t.date).hasMatch())
        r.fail(QStringLiteral("/date"), QStringLiteral("expected a date as YYYY-MM-DD"));
    t.source = r.string(root[u"source"], QStringLiteral("/source"));
    t.currency = root[u"currency"].isDefined() ? r.string(root[u"currency"], QStringLiteral("/currency"))
                                               : QStringLiteral("USD");
    for (const auto &m : root[u"sources"].members())
        t.sources.insert(m.key, m.value.toString());

    const Json &st = r.object(root, QStringLiteral("standard"), QString());
    t.standard.freeTierTransitions =
        r.figure(st, QStringLiteral("freeTierTransitions"), QStringLiteral("/standard"));
    t.standard.defaultPricePerTransition =
        r.figure(st, QStringLiteral("defaultPricePer1000"), QStringLiteral("/standard"), 1e-3);
    const Json &regions = r.object(st, QStringLiteral("regions"), QStringLiteral("/standard"));
    for (const auto &m : regions.members()) {
        const QString p = jsonpointer::append(QStringLiteral("/standard/regions"), m.key);
        if (!m.value.isObject()) {
            r.fail(p, QStringLiteral("expected {\"name\", \"pricePer1000\", \"source\"}"));
            break;
        }
        RegionPrice rp;
        rp.code = m.key;
        rp.listed = true;
        rp.name = r.string(m.value[u"name"], p + QStringLiteral("/name"), false);
        rp.pricePerTransition =
            r.number(m.value[u"pricePer1000"], p + QStringLiteral("/pricePer1000")) / 1000.0;
        rp.currency = m.value[u"currency"].isDefined()
                          ? r.string(m.value[u"currency"], p + QStringLiteral("/currency"))
                          : t.currency;
        rp.source = r.string(m.value[u"source"], p + QStringLiteral("/source"), false);
        rp.note = r.string(m.value[u"note"], p + QStringLiteral("/note"), false);
        t.standard.regions.insert(rp.code, rp);
    }

    const Json &ex = r.object(root, QStringLiteral("express"), QString());
    const QString xp = QStringLiteral("/express");
    t.express.regions = r.regions(ex, xp);
    t.express.requestPrice = r.figure(ex, QStringLiteral("requestPricePerMillion"), xp, 1e-6);
    // The table states GB-hours as AWS's pricing page does; the estimator works in GB-seconds.
    t.express.durationTiers = r.tiers(ex[u"durationTiersPerGBHour"], QStringLiteral("upToGBHours"),
                                      xp + QStringLiteral("/durationTiersPerGBHour"), 3600.0, 1.0 / 3600.0);
    t.express.roundingMs = r.figure(ex, QStringLiteral("durationRoundingMs"), xp, 1, true);
    t.express.memoryChunkMB = r.figure(ex, QStringLiteral("memoryChunkMB"), xp, 1, true);
    t.express.baseMemoryMB = r.figure(ex, QStringLiteral("baseMemoryMB"), xp);
    t.express.maxDurationSeconds = r.figure(ex, QStringLiteral("maxDurationSeconds"), xp, 1, true);
    t.express.freeTierGBSeconds = r.figure(ex, QStringLiteral("freeTierGBSeconds"), xp);

    const Json &la = r.object(root, QStringLiteral("lambda"), QString());
    const QString lp = QStringLiteral("/lambda");
    t.lambda.regions = r.regions(la, lp);
    t.lambda.requestPrice = r.figure(la, QStringLiteral("requestPricePerMillion"), lp, 1e-6);
    t.lambda.freeTierRequests = r.figure(la, QStringLiteral("freeTierRequests"), lp);
    t.lambda.freeTierGBSeconds = r.figure(la, QStringLiteral("freeTierGBSeconds"), lp);
    t.lambda.roundingMs = r.figure(la, QStringLiteral("durationRoundingMs"), lp, 1, true);
    const Json &lt = r.object(la, QStringLiteral("durationTiersPerGBSecond"), lp);
    t.lambda.x86 = r.tiers(lt[u"x86_64"], QStringLiteral("upToGBSeconds"),
                           lp + QStringLiteral("/durationTiersPerGBSecond/x86_64"), 1, 1);
    t.lambda.arm = r.tiers(lt[u"arm64"], QStringLiteral("upToGBSeconds"),
                           lp + QStringLiteral("/durationTiersPerGBSecond/arm64"), 1, 1);

    const Json &fa = r.object(root, QStringLiteral("fargate"), QString());
    const QString fp = QStringLiteral("/fargate");
    t.fargate.regions = r.regions(fa, fp);
    t.fargate.minimumSeconds = r.figure(fa, QStringLiteral("minimumSeconds"), fp);
    const Json &os = r.object(fa, QStringLiteral("linux"), fp);
    auto rate = [&](const QString &arch) {
        const QString p = fp + QStringLiteral("/linux/") + arch;
        const Json &v = r.object(os, arch, fp + QStringLiteral("/linux"));
        return FargateRate{r.number(v[u"vcpuHour"], p + QStringLiteral("/vcpuHour")),
                           r.number(v[u"gbHour"], p + QStringLiteral("/gbHour")),
                           r.string(v[u"source"], p + QStringLiteral("/source"), false)};
    };
    t.fargate.x86 = rate(QStringLiteral("x86_64"));
    t.fargate.arm = rate(QStringLiteral("arm64"));

    if (!r.ok()) {
        if (error) *error = r.error;
        return std::nullopt;
    }
    return t;
}

Json PriceTable::merge(const Json &base, const Json &over, const QString &overrideLabel)
{
    auto label = [&](Json v) {
        if (isFigureLike(v) && !v.contains(u"source")) v.insert(QStringLiteral("source"), overrideLabel);
        return v;
    };
    if (!base.isObject() || !over.isObject()) {
        if (over.isArray()) {
            Json out = Json::array();
            for (const Json &item : over.items())
                out.append(label(item));
            return out;
        }
        return label(over);
    }
    Json out = base;
    bool changedNumber = false;
    for (const auto &m : over.members()) {
        if (m.value.isNumber()) changedNumber = true;
        const Json *b = base.find(m.key);
        out.insert(m.key, b ? merge(*b, m.value, overrideLabel) : label(m.value));
    }
    // A figure whose value the override changed no longer comes from the built-in source.
    if (changedNumber && !over.contains(u"source") && base.contains(u"source"))
        out.insert(QStringLiteral("source"), overrideLabel);
    return out;
}

std::optional<PriceTable> PriceTable::withOverride(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const auto parsed = JsonReader::parse(f.readAll());
    if (!parsed.ok) {
        if (error)
            *error = QStringLiteral("%1:%2:%3: %4")
                         .arg(path)
                         .arg(parsed.errorPos.line)
                         .arg(parsed.errorPos.column)
                         .arg(parsed.error);
        return std::nullopt;
    }
    if (!parsed.value.isObject()) {
        if (error) *error = QStringLiteral("%1: a price table must be a JSON object").arg(path);
        return std::nullopt;
    }
    const Json base = builtIn().json;
    const Json merged = merge(base, parsed.value, QStringLiteral("user file %1").arg(path));
    QString e;
    auto t = fromJson(merged, &e);
    if (!t) {
        if (error) *error = QStringLiteral("%1: %2").arg(path, e);
        return std::nullopt;
    }
    t->overrideFile = path;
    return t;
}

RegionPrice PriceTable::standardPrice(const QString &region) const
{
    const auto it = standard.regions.constFind(region);
    if (it != standard.regions.constEnd()) return *it;
    RegionPrice rp;
    rp.code = region;
    rp.pricePerTransition = standard.defaultPricePerTransition.value;
    rp.currency = currency;
    rp.source = standard.defaultPricePerTransition.source;
    rp.listed = false;
    return rp;
}

QString PriceTable::checkRegion(const QString &region) const
{
    static const QRegularExpression code(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d+$"));
    if (!code.match(region).hasMatch())
        return QStringLiteral("'%1' is not an AWS region code such as us-east-1").arg(region);
    const RegionPrice rp = standardPrice(region);
    if (rp.currency != currency)
        return QStringLiteral(
                   "the price table lists %1 in %2, not %3; override it with --prices to estimate there")
            .arg(region, rp.currency, currency);
    return QString();
}

QString PriceTable::describe() const
{
    return overrideFile.isEmpty()
               ? QStringLiteral("%1 (built-in)").arg(date)
               : QStringLiteral("%1 (built-in table overridden by %2)").arg(date, overrideFile);
}

} // namespace sw::cost
