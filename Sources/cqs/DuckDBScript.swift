/// The DuckDB side of `cqs bench indicators`: a Python script that loads the exported facts CSV and computes, per
/// unit, the figures of the year from the raw columns alone — the classification of Decision 766 written again in
/// SQL, not cqs's running totals — then writes them (counts, and rates as "numerator/denominator") with timings.
/// Arguments: facts.csv, the period's start and the evaluation instant (seconds since 1970), the output file.
enum DuckDBScript {
    static let source = #"""
    import duckdb, json, sys, time
    csv, start, now, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(f"CREATE TABLE f AS SELECT * FROM read_csv('{csv}', header=true, nullstr='', auto_detect=true)")
    load_ms = (time.perf_counter() - t) * 1000
    S, E = start, now
    query = f"""
    WITH a AS (
      SELECT *, COALESCE(resolved_at, returned_at) AS result_at,
        COALESCE(resolved_at, returned_at,
                 CASE WHEN status IN ('refused', 'stopped') THEN closed_at
                      WHEN status = 'withdrawn' AND received_at IS NOT NULL THEN closed_at END) AS end_at
      FROM f),
    b AS (
      SELECT *,
        received_at IS NOT NULL AND received_at >= {S} AND received_at < {E} AS in_r,
        received_at IS NOT NULL AND received_at < {E} AND (end_at IS NULL OR end_at >= {S}) AS in_h,
        NOT (end_at IS NOT NULL AND end_at < {E}) AS still_open,
        result_at IS NOT NULL AND result_at < {E} AS has_result
      FROM a),
    c AS (
      SELECT *,
        (CASE WHEN NOT still_open THEN end_at
              WHEN status = 'awaiting-supplement' AND pending_since IS NOT NULL AND pending_since < {E} THEN pending_since
              ELSE {E} END) - supplement_pause AS eff
      FROM b),
    d AS (
      SELECT *,
        supplement_requests > 1 OR (appointment IS NOT NULL AND eff > appointment) AS late,
        appointment IS NOT NULL AND floor((eff + 25200) / 86400) < floor((appointment + 25200) / 86400) AS early_day
      FROM c)
    SELECT unit_path,
      count(*) FILTER (WHERE in_r) AS received,
      count(*) FILTER (WHERE in_r AND channel = 'online') AS received_online,
      count(*) FILTER (WHERE in_r AND channel = 'desk') AS received_desk,
      count(*) FILTER (WHERE in_r AND channel = 'postal') AS received_postal,
      count(*) FILTER (WHERE in_h) AS handled,
      count(*) FILTER (WHERE in_h AND NOT still_open AND has_result AND NOT late AND early_day) AS resolved_early,
      count(*) FILTER (WHERE in_h AND NOT still_open AND has_result AND NOT late AND NOT early_day) AS resolved_on_time,
      count(*) FILTER (WHERE in_h AND NOT still_open AND has_result AND late) AS resolved_late,
      count(*) FILTER (WHERE in_h AND NOT still_open AND NOT has_result) AS closed_without_result,
      count(*) FILTER (WHERE in_h AND still_open) AS open,
      count(*) FILTER (WHERE in_h AND still_open AND late) AS open_overdue,
      count(*) FILTER (WHERE in_h AND NOT late) AS in_time,
      coalesce(sum(trunc(result_at - received_at - supplement_pause)) FILTER (WHERE in_h AND NOT still_open AND has_result), 0) AS seconds,
      count(*) FILTER (WHERE in_r AND fee_due > 0) AS with_fee,
      count(*) FILTER (WHERE in_r AND fee_due > 0 AND paid_online = 1) AS paid_online,
      count(*) FILTER (WHERE in_r AND components_digitized = 1 AND (requires_result = 0 OR NOT has_result OR result_digitized = 1)) AS digitized,
      count(*) FILTER (WHERE in_r AND requires_result = 1 AND has_result) AS with_result,
      count(*) FILTER (WHERE in_r AND requires_result = 1 AND has_result AND result_digitized = 1) AS result_digitized,
      count(*) FILTER (WHERE in_r AND reused_data = 1) AS reused,
      count(*) FILTER (WHERE in_h AND (late OR rating = 'dissatisfied' OR has_complaint = 1)) AS unsatisfactory,
      count(*) FILTER (WHERE in_h AND rating IS NOT NULL) AS rated,
      count(*) FILTER (WHERE in_h AND rating IS NOT NULL AND rating <> 'dissatisfied') AS rated_satisfied
    FROM d GROUP BY unit_path ORDER BY unit_path
    """
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        rows = con.execute(query).fetchall()
        runs.append((time.perf_counter() - t) * 1000)
    columns = [c[0] for c in con.description]
    units = {}
    for row in rows:
        r = dict(zip(columns, row))
        resolved = r["resolved_early"] + r["resolved_on_time"] + r["resolved_late"]
        units[r["unit_path"]] = {
            "received": str(r["received"]), "received-online": str(r["received_online"]),
            "received-desk": str(r["received_desk"]), "received-postal": str(r["received_postal"]),
            "carried-over": str(r["handled"] - r["received"]), "handled": str(r["handled"]),
            "resolved-early": str(r["resolved_early"]), "resolved-on-time": str(r["resolved_on_time"]),
            "resolved-late": str(r["resolved_late"]), "closed-without-result": str(r["closed_without_result"]),
            "open": str(r["open"]), "open-overdue": str(r["open_overdue"]),
            "on-time-rate": f'{r["in_time"]}/{r["handled"]}',
            "average-resolution-seconds": f'{int(r["seconds"])}/{resolved}',
            "online-submission-rate": f'{r["received_online"]}/{r["received"]}',
            "online-payment-rate": f'{r["paid_online"]}/{r["with_fee"]}',
            "dossier-digitization-rate": f'{r["digitized"]}/{r["received"]}',
            "result-digitization-rate": f'{r["result_digitized"]}/{r["with_result"]}',
            "data-reuse-rate": f'{r["reused"]}/{r["received"]}',
            "satisfaction-rate": f'{r["handled"] - r["unsatisfactory"]}/{r["handled"]}',
            "rating-satisfaction-rate": f'{r["rated_satisfied"]}/{r["rated"]}',
        }
    json.dump({"version": duckdb.__version__, "load_ms": load_ms, "query_ms": runs, "units": units}, open(out, "w"))
    """#
}
