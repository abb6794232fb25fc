#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace orderlab {

class ItemJsonEditor;
class LiveEmulator;

/**
 * Tables: every table of the running world (the pipeline's `orders` and those made through the
 * DynamoDB API), and the items of the one selected, a page at a time in scan order, with the
 * item editor the Orders pane has (Save is PutItem, Delete is DeleteItem, both commands the
 * recorder sees). Writes from the API show up within the refresh interval while the pane is
 * visible. GUI thread; reads take the tables' own locks briefly (LiveEmulator::tables).
 */
class TablesPane : public QWidget
{
    Q_OBJECT
  public:
    static constexpr int kPageSize = 100;
    static constexpr int kRefreshMs = 500;

    explicit TablesPane(LiveEmulator &emulator, QWidget *parent = nullptr);

    QStandardItemModel *tablesModel() const { return m_tables; }
    QStandardItemModel *itemsModel() const { return m_items; }
    QTableView *tablesView() const { return m_tablesView; }
    QTableView *itemsView() const { return m_itemsView; }
    ItemJsonEditor *editor() const { return m_editor; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *firstButton() const { return m_first; }
    QPushButton *deleteButton() const { return m_delete; }
    QString pageText() const;
    QString selectedTable() const { return m_table; }

  public slots:
    /// Reads the tables and the page shown again (also done by a timer while the pane is visible).
    void refresh();
    void selectTable(const QString &name);
    void nextPage();
    void firstPage();
    /// Deletes the item in the editor; returns the error shown, or empty.
    QString deleteSelected();
    void clear();

  private:
    void showPage();
    void showItem(int row);

    LiveEmulator &m_emulator;
    QStandardItemModel *m_tables;
    QStandardItemModel *m_items;
    QTableView *m_tablesView;
    QTableView *m_itemsView;
    ItemJsonEditor *m_editor;
    QPushButton *m_first;
    QPushButton *m_next;
    QPushButton *m_delete;
    QLabel *m_page;
    QLabel *m_message;
    QTimer *m_refresh;
    QString m_table;
    QStringList m_pageStarts; ///< the start key of each page shown so far (the first is empty)
    QStringList m_keys;       ///< the keys of the items on the page, by row
    QStringList m_itemsJson;  ///< the items on the page as last read, by row
    bool m_more = false;
};

} // namespace orderlab
