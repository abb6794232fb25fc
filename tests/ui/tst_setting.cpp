// Setting<T>: a typed QSettings entry with its default; DesktopSettings, the window's settings.
#include "desktop_settings.h"
#include "setting.h"

#include <QTemporaryDir>
#include <QtTest>

using orderlab::DesktopSettings;
using orderlab::Setting;

class TstSetting : public QObject
{
    Q_OBJECT
  private slots:
    void absentKeysGiveTheDefault()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const Setting<int> shards(store, QStringLiteral("simulation/shards"), 3);
        QCOMPARE(shards.get(), 3);
        QVERIFY(!shards.isStored());
        const DesktopSettings settings(store);
        QCOMPARE(settings.seed.get(), quint64(1));
        QCOMPARE(settings.viewType.get(), QStringLiteral("NEW_AND_OLD_IMAGES"));
        QCOMPARE(settings.writesPerSecond.get(), 2.0);
        QCOMPARE(settings.feeding.get(), true);
        QCOMPARE(settings.userSubscribers.get(), QStringList());
        QCOMPARE(settings.windowStateFor(QStringLiteral("1280x800")).get(), QByteArray());
    }

    void valuesRoundTripThroughTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings store(path, QSettings::IniFormat);
            DesktopSettings settings(store);
            settings.seed.set(18446744073709551615ull);
            settings.shards.set(4);
            settings.speed.set(0.25);
            settings.feeding.set(false);
            settings.viewType.set(QStringLiteral("KEYS_ONLY"));
            settings.windowStateFor(QStringLiteral("1280x800")).set(QByteArray("\0\1\2", 3));
            settings.userSubscribers.set({QStringLiteral("watcher\t*-status-updated")});
            settings.sync();
        }
        QSettings store(path, QSettings::IniFormat);
        const DesktopSettings settings(store);
        QVERIFY(settings.shards.isStored());
        QCOMPARE(settings.seed.get(), 18446744073709551615ull);
        QCOMPARE(settings.shards.get(), 4);
        QCOMPARE(settings.speed.get(), 0.25);
        QCOMPARE(settings.feeding.get(), false);
        QCOMPARE(settings.viewType.get(), QStringLiteral("KEYS_ONLY"));
        QCOMPARE(settings.windowStateFor(QStringLiteral("1280x800")).get(), QByteArray("\0\1\2", 3));
        QCOMPARE(settings.windowStateFor(QStringLiteral("3840x2160")).get(),
                 QByteArray()); // one layout per screen size
        QCOMPARE(settings.userSubscribers.get(), QStringList{QStringLiteral("watcher\t*-status-updated")});

        Setting<QStringList> none(store, QStringLiteral("subscribers/none"), {QStringLiteral("default")});
        none.set({});
        store.sync();
        QCOMPARE(QSettings(path, QSettings::IniFormat).value(none.key()).toStringList(), QStringList());
        QCOMPARE(none.get(), QStringList()); // stored, so not the default
    }

    void wrongTypesInTheFileGiveTheDefault()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[simulation]\nshards=many\nseed=-\nspeed=fast\nfeeding=maybe\n[grpc]\nport=@Invalid()\n");
        file.close();
        QSettings store(path, QSettings::IniFormat);
        const DesktopSettings settings(store);
        QVERIFY(settings.shards.isStored());
        QCOMPARE(settings.shards.get(), 1);
        QCOMPARE(settings.seed.get(), quint64(1));
        QCOMPARE(settings.speed.get(), 1.0);
        QCOMPARE(settings.feeding.get(), true);
        QCOMPARE(Setting<bool>(store, settings.feeding.key(), false).get(), false); // QVariant would say true
        QCOMPARE(settings.grpcPort.get(), 0);
        // A bool also reads from the texts QSettings and people write.
        store.setValue(QStringLiteral("simulation/feeding"), QStringLiteral("0"));
        QCOMPARE(settings.feeding.get(), false);
    }
};

QTEST_GUILESS_MAIN(TstSetting)
#include "tst_setting.moc"
