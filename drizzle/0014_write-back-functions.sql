-- Issue 12: each of a write-back's two transactions in one round trip to the database.
-- The statements are those lib/write-back/submit.ts and lib/delivery/deliver.ts sent one by
-- one inside BEGIN … COMMIT (12 round trips a submission, 3 now with the call's read). A
-- call of one function is one statement, so it commits or rolls back whole; inside it, as
-- inside the transaction before, each statement reads what was committed when it starts,
-- so the call's row is locked first and everything after it sees what was committed until
-- the lock was ours. The plans are kept per connection by PL/pgSQL.

-- Record an outcome and its write-back (lib/write-back/submit.ts, recordAndDeliver): the
-- call's new outcome and version, the write-back (claimed for the inline send when
-- p_claim_owner is given and no older write-back of the call is in flight), the version row
-- with the call's older waiting write-backs superseded, and the submitter's draft rebased.
-- Answers {"result":"conflict"} when the call is not at p_base_version (or final, for an
-- agent); raises SQLSTATE PD001 when the submission id is taken (everything rolled back).
CREATE FUNCTION record_write_back(
  p_call_id bigint,
  p_base_version integer,
  p_correcting boolean,
  p_final boolean,
  p_outcome jsonb,
  p_submission_id uuid,
  p_request_body text,
  p_user_id bigint,
  p_claim_owner text,
  p_lease_s double precision,
  p_values jsonb,
  p_diff jsonb,
  p_reason text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
  v_finalised timestamptz;
  v_claimed boolean;
  v_row write_backs;
  v_superseded integer;
BEGIN
  UPDATE calls SET
    status = p_outcome->>'status',
    fail_code = p_outcome->>'failCode',
    asr_result = p_outcome->>'asrResult',
    device_type = (p_outcome->>'deviceType')::integer,
    phone_number = p_outcome->>'phoneNumber',
    call_id = p_outcome->>'callId',
    write_start_time = (p_outcome->>'writeStartTime')::timestamptz,
    end_call_time = (p_outcome->>'endCallTime')::timestamptz,
    write_back_state = 'pending',
    last_write_back_at = now(),
    updated_at = now(),
    version = version + 1,
    finalised_at = CASE WHEN p_final THEN coalesce(finalised_at, now()) ELSE finalised_at END
  WHERE id = p_call_id AND version = p_base_version
    -- Checked on the locked row: a call made final meanwhile (a bulk finalise, say) is not
    -- the agent's to change any more.
    AND (p_correcting OR finalised_at IS NULL)
  RETURNING version, finalised_at INTO v_version, v_finalised;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('result', 'conflict');
  END IF;

  -- Claimed for the inline send unless an older write-back of the call is still in flight
  -- (sending, lease not run out): then it waits queued, so a call's write-backs go in order.
  v_claimed := p_claim_owner IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM write_backs o
    WHERE o.call_id = p_call_id AND o.state = 'sending' AND o.lease_until > now());

  INSERT INTO write_backs (call_id, submission_id, interface, request_body, call_version, user_id,
                           state, attempts, lease_owner, lease_until)
  VALUES (p_call_id, p_submission_id,
          -- Once final, every write-back of the call is a final result.
          CASE WHEN v_finalised IS NULL THEN 'midresult' ELSE 'result' END,
          p_request_body, v_version, p_user_id,
          CASE WHEN v_claimed THEN 'sending' ELSE 'queued' END,
          CASE WHEN v_claimed THEN 1 ELSE 0 END,
          CASE WHEN v_claimed THEN p_claim_owner END,
          CASE WHEN v_claimed THEN now() + make_interval(secs => p_lease_s) END)
  ON CONFLICT (submission_id) DO NOTHING
  RETURNING * INTO v_row;
  IF NOT FOUND THEN
    -- A twin request with the same submission id committed first: undo the call's update.
    RAISE EXCEPTION 'submission % is already recorded', p_submission_id USING ERRCODE = 'PD001';
  END IF;

  -- The call's older write-backs still waiting (queued, retrying, or a sender's whose lease
  -- ran out) are superseded by this one: midresult overwrites, so they must never arrive
  -- after it.
  WITH superseded AS (
    UPDATE write_backs SET state = 'superseded', superseded_by = v_row.id, finished_at = now(),
                           lease_owner = NULL, lease_until = NULL
    WHERE call_id = p_call_id AND id < v_row.id
      AND (state IN ('queued', 'retrying') OR (state = 'sending' AND lease_until < now()))
    RETURNING id
  ), versioned AS (
    INSERT INTO call_versions (call_id, version, values, diff, changed_by, reason, write_back_id)
    VALUES (p_call_id, v_version, p_values, p_diff, p_user_id, p_reason, v_row.id)
  )
  SELECT count(*)::integer INTO v_superseded FROM superseded;

  -- The submitter's draft now builds on the version just recorded.
  IF p_user_id IS NOT NULL THEN
    UPDATE drafts SET values = values || jsonb_build_object('baseVersion', v_version::text)
    WHERE call_id = p_call_id AND user_id = p_user_id;
  END IF;

  RETURN jsonb_build_object('result', 'recorded', 'version', v_version,
                            'superseded', v_superseded, 'row', to_jsonb(v_row));
END
$$;--> statement-breakpoint

-- Record what iSales answered to a send this owner holds (lib/delivery/deliver.ts,
-- recordOutcome): the attempt; the write-back's new state while p_owner still holds it;
-- the call's state when it is the call's newest write-back; a confirmation when the newest
-- is accepted while an older send of the call got no answer (iSales may still apply that
-- older body after this one: the newest goes once more after a quiet period); and the
-- submitter's draft ended once accepted. Answers null when the lease was lost, else
-- {"attempts": n, "next_attempt_at": t}.
CREATE FUNCTION record_write_back_attempt(
  p_id bigint,
  p_call_id bigint,
  p_owner text,
  p_state text,
  p_delay_s double precision,
  p_started_at timestamptz,
  p_duration_ms integer,
  p_outcome text,
  p_http_status integer,
  p_result_code text,
  p_failure_reason text,
  p_response_body text,
  p_last_error text,
  p_call_state text,
  p_may_confirm boolean,
  p_interface text,
  p_request_body text,
  p_call_version integer,
  p_quiet_s double precision,
  p_user_id bigint
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_attempts integer;
  v_next timestamptz;
BEGIN
  -- The call's row first, as the submit does, so the two never wait on each other in
  -- opposite orders; the statements after it read what was committed until then (a newer
  -- write-back of the call recorded meanwhile).
  PERFORM 1 FROM calls WHERE id = p_call_id FOR UPDATE;

  WITH attempt AS (
    INSERT INTO write_back_attempts (write_back_id, call_id, started_at, duration_ms, outcome,
                                     http_status, result_code, failure_reason, response_body, sender)
    VALUES (p_id, p_call_id, p_started_at, p_duration_ms, p_outcome, p_http_status, p_result_code,
            p_failure_reason, p_response_body, p_owner)
  ), updated AS (
    UPDATE write_backs SET
      state = p_state,
      next_attempt_at = CASE WHEN p_state = 'retrying' THEN now() + make_interval(secs => p_delay_s) ELSE now() END,
      lease_owner = NULL, lease_until = NULL,
      last_outcome = p_outcome, last_http_status = p_http_status,
      last_result_code = p_result_code, last_error = p_last_error,
      finished_at = CASE WHEN p_state = 'retrying' THEN NULL ELSE now() END
    WHERE id = p_id AND lease_owner = p_owner AND state = 'sending'
    RETURNING attempts, next_attempt_at
  ), call_state AS (
    -- Only the call's latest write-back speaks for the call.
    UPDATE calls SET write_back_state = p_call_state, updated_at = now()
    WHERE id = p_call_id AND EXISTS (SELECT 1 FROM updated)
      AND NOT EXISTS (SELECT 1 FROM write_backs n WHERE n.call_id = p_call_id AND n.id > p_id)
  ), confirmation AS (
    INSERT INTO write_backs (call_id, submission_id, interface, request_body, call_version,
                             state, next_attempt_at, confirms)
    SELECT p_call_id, gen_random_uuid(), p_interface, p_request_body, p_call_version,
           'queued', now() + make_interval(secs => p_quiet_s), p_id
    WHERE p_may_confirm AND EXISTS (SELECT 1 FROM updated)
      AND NOT EXISTS (SELECT 1 FROM write_backs n WHERE n.call_id = p_call_id AND n.id > p_id)
      AND EXISTS (
        SELECT 1 FROM write_back_attempts a JOIN write_backs o ON o.id = a.write_back_id
        WHERE o.call_id = p_call_id AND o.id < p_id AND a.outcome = 'no_answer'
          AND coalesce(a.failure_reason, '') NOT IN ('refused', 'dns')
          AND a.started_at > now() - interval '1 hour')
  )
  SELECT attempts, next_attempt_at INTO v_attempts, v_next FROM updated;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  -- The submitter's draft of this outcome ends with its acceptance (a draft changed after
  -- this write-back was made stays).
  IF p_state = 'accepted' AND p_user_id IS NOT NULL THEN
    DELETE FROM drafts d
    WHERE d.call_id = p_call_id AND d.user_id = p_user_id
      AND EXISTS (SELECT 1 FROM write_backs w
                  WHERE w.call_id = p_call_id AND w.user_id = p_user_id AND w.state = 'accepted'
                    AND w.created_at >= d.updated_at);
  END IF;

  RETURN jsonb_build_object('attempts', v_attempts, 'next_attempt_at', v_next);
END
$$;
--> statement-breakpoint

-- Claim up to p_limit due write-backs for p_owner (or just p_only_id) (lib/delivery/claim.ts,
-- claimDue), each step a statement of its own, reading what was committed when it starts:
-- 1. lock due write-backs (waiting: queued, or retrying whose time has come; or a sender's
--    whose lease ran out), oldest first, SKIP LOCKED: another sender's claims are skipped,
--    never waited on, never taken twice;
-- 2. lock their calls, SKIP LOCKED again: one claim per call at a time, and none while a
--    submission for the call is being recorded (it updates the call's row), so a newer
--    write-back is either seen by step 3 or is recorded after this claim commits;
-- 3. a due write-back with a newer one for its call is superseded, not sent: midresult
--    overwrites, so the older must never arrive after the newer;
-- 4. the rest is leased (its attempt counted), unless an older write-back of the same call
--    is still in flight (sending, lease not run out): then it waits, so a call's
--    write-backs go in order.
-- Answers {"claimed": [write_backs rows, oldest first], "superseded": [{"id", "supersededBy"}]}.
CREATE FUNCTION claim_write_backs(
  p_owner text,
  p_limit integer,
  p_lease_s double precision,
  p_only_id bigint
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_ids bigint[];
  v_call_ids bigint[];
  v_locked bigint[];
  v_gone bigint[];
  v_superseded jsonb;
  v_claimed jsonb;
BEGIN
  IF p_only_id IS NULL THEN
    SELECT array_agg(id ORDER BY id), array_agg(call_id ORDER BY id) INTO v_ids, v_call_ids
    FROM (SELECT id, call_id FROM write_backs
          WHERE (state IN ('queued', 'retrying') AND next_attempt_at <= now())
             OR (state = 'sending' AND lease_until < now())
          ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED) due;
  ELSE
    SELECT array_agg(id), array_agg(call_id) INTO v_ids, v_call_ids
    FROM (SELECT id, call_id FROM write_backs
          WHERE id = p_only_id
            AND ((state IN ('queued', 'retrying') AND next_attempt_at <= now())
                 OR (state = 'sending' AND lease_until < now()))
          FOR UPDATE SKIP LOCKED) due;
  END IF;
  IF v_ids IS NULL THEN
    RETURN jsonb_build_object('claimed', '[]'::jsonb, 'superseded', '[]'::jsonb);
  END IF;

  SELECT coalesce(array_agg(id), '{}') INTO v_locked
  FROM (SELECT id FROM calls WHERE id = ANY (v_call_ids) FOR UPDATE SKIP LOCKED) locked;
  SELECT coalesce(array_agg(u.id), '{}') INTO v_ids
  FROM unnest(v_ids, v_call_ids) AS u(id, call_id) WHERE u.call_id = ANY (v_locked);

  WITH gone AS (
    UPDATE write_backs w SET
      state = 'superseded',
      superseded_by = (SELECT max(n.id) FROM write_backs n WHERE n.call_id = w.call_id AND n.id > w.id),
      finished_at = now(), lease_owner = NULL, lease_until = NULL
    WHERE w.id = ANY (v_ids)
      AND EXISTS (SELECT 1 FROM write_backs n WHERE n.call_id = w.call_id AND n.id > w.id)
    RETURNING w.id, w.superseded_by
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'supersededBy', superseded_by)), '[]'::jsonb),
         coalesce(array_agg(id), '{}')
  INTO v_superseded, v_gone FROM gone;

  WITH claimed AS (
    UPDATE write_backs w SET
      state = 'sending', lease_owner = p_owner,
      lease_until = now() + make_interval(secs => p_lease_s), attempts = w.attempts + 1
    WHERE w.id = ANY (v_ids) AND NOT (w.id = ANY (v_gone))
      AND NOT EXISTS (SELECT 1 FROM write_backs o
                      WHERE o.call_id = w.call_id AND o.id < w.id AND o.state = 'sending'
                        AND o.lease_until > now())
    RETURNING w.*
  )
  SELECT coalesce(jsonb_agg(to_jsonb(claimed) ORDER BY claimed.id), '[]'::jsonb) INTO v_claimed FROM claimed;

  RETURN jsonb_build_object('claimed', v_claimed, 'superseded', v_superseded);
END
$$;
