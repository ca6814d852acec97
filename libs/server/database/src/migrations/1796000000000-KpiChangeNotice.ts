import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every statement that changes a rollup the KPI routes read (`kpi_cell`, `kpi_course`, `kpi_company_month`,
 * `kpi_activity_day`) announces it on the channel `kpi_changed`, whoever writes it (the `reporting` subscriber, the
 * reconciliation's corrections and rebuild, a fix by hand). PostgreSQL delivers the notice at commit, once per
 * transaction (identical notices of one transaction are folded), to every API process listening, and not at all on
 * rollback. The API keeps its in-memory rollup slices and KPI answers until such a notice (docs/kpi.md).
 */
export class KpiChangeNotice1796000000000 implements MigrationInterface {
  name = 'KpiChangeNotice1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kpi_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('kpi_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of ['kpi_cell', 'kpi_course', 'kpi_company_month', 'kpi_activity_day']) {
      await q.query(`
        CREATE TRIGGER tg_${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION kpi_changed_notify()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['kpi_activity_day', 'kpi_company_month', 'kpi_course', 'kpi_cell']) {
      await q.query(`DROP TRIGGER tg_${table}_changed ON ${table}`);
    }
    await q.query(`DROP FUNCTION kpi_changed_notify()`);
  }
}
