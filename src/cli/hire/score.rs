//! `candor hire score|reveal`: a panelist's ratings, by flags or by a
//! walk through the template — each question with its anchors and what to
//! listen for, a rating, the evidence, then the recommendation.
//!
//! Before the candidate's debrief a score is sealed: the ledger records only
//! its commitment, and the score itself waits in the panelist's private
//! store on this machine until the debrief reveals it (sharing.md § 4).

use super::{pick, private};
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use candor::core::decide::hire::score::{self as decide, rating_value, ScoreInput};
use candor::core::decide::hire::{find, template_for};
use candor::core::hiring::{Competency, Hiring, Rating, Scale, Template};
use candor::core::state::State;
use candor::core::text;
use candor::core::vocab::Recommendation;
use candor::core::{Event, Hash32};
use candor::identity::private_scores;
use candor::{Error, Result};

#[derive(clap::Args, Clone)]
pub struct RatingArgs {
    /// The candidate's id
    #[arg(long)]
    candidate: Option<String>,
    /// Who scores (a panelist's name, or ceo / leader)
    #[arg(long)]
    panelist: Option<String>,
    /// KEY=N within the scale, or KEY=n/a when not assessed; one for every competency
    #[arg(long = "rating", value_name = "KEY=N|n/a")]
    ratings: Vec<String>,
    /// KEY=TEXT: what the candidate said or did (required for the lowest and highest rating and n/a)
    #[arg(long = "evidence", value_name = "KEY=TEXT")]
    evidence: Vec<String>,
    /// strong-no, no, no-decision, yes or strong-yes
    #[arg(long, value_name = "WORD")]
    recommend: Option<String>,
}

#[derive(clap::Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    rating: RatingArgs,
    /// This amends the panelist's earlier score (a reason is required; the original stays visible)
    #[arg(long)]
    amends: bool,
    /// Why the earlier score is amended
    #[arg(long)]
    reason: Option<String>,
}

#[derive(clap::Args)]
pub struct RevealArgs {
    #[command(flatten)]
    rating: RatingArgs,
    /// Reveal by hand, from values kept elsewhere: the seal's salt (64 hex
    /// digits), with every --rating, --evidence and --recommend as sealed
    #[arg(long)]
    salt: Option<String>,
}

pub fn score(ctx: &Context, mut args: ScoreArgs) -> Result<()> {
    // Read before the session holds the ledger: which store the score goes to.
    let ledger = private::ledger_id(ctx)?;
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    if args.rating.panelist.is_none() {
        // A panelist scores for themselves: `--as Kim` names who scores.
        args.rating.panelist = ctx.actor.clone();
    }
    let mut walk = Walk::start(ask, state, args.rating)?;
    let h = Hiring::of(state);
    let debrief_open = find(&h, &walk.candidate, "--candidate")?.debrief.is_some();
    if !debrief_open {
        if args.amends || args.reason.is_some() {
            return Err(Error::input(
                "--reason",
                "before the debrief a score is sealed and is not amended; amend it after the CEO opens the debrief",
            ));
        }
        let input = walk.finish("sealed score", |i| i)?;
        return seal_privately(ctx, session, ledger, input);
    }
    let reason = match args.reason {
        None if walk.ask.interactive() => amendment_reason(&mut walk, state)?,
        given => given,
    };
    let input = walk.finish("score", |i| ScoreInput { amends: args.amends, reason, ..i })?;
    let events = decide::score(state, input)?;
    let who = panelist_of(&events);
    session.record_for(ctx, &who, events)?;
    Ok(())
}

/// Records the seal, signed by the panelist, after keeping the score and
/// its salt in the panelist's private store; nothing in clear is recorded.
fn seal_privately(ctx: &Context, session: Session, ledger: Hash32, input: ScoreInput) -> Result<()> {
    let (events, path) = private_scores::seal_and_keep(&session.state, ledger, &input)?;
    let Some(sealed) = events.iter().find(|e| matches!(e, Event::ScoreSealed { .. })).cloned() else {
        return Ok(());
    };
    let who = panelist_of(&events);
    if let Err(e) = session.record_for(ctx, &who, events) {
        // Nothing was recorded: the clear copy has no seal to open.
        private_scores::discard(&path);
        return Err(e);
    }
    let Event::ScoreSealed { candidate, .. } = &sealed else { return Ok(()) };
    emit(&format!(
        "Sealed: the ledger holds only a commitment to {who}'s score for {candidate}. The score waits in \
         {who}'s private store on this machine\n  {}\nuntil the CEO opens the debrief (`candor hire debrief`), \
         which reveals it.\n",
        path.display()
    ));
    Ok(())
}

/// When the panelist already scored the candidate, asks why it changes.
fn amendment_reason(walk: &mut Walk<'_>, state: &State) -> Result<Option<String>> {
    let h = Hiring::of(state);
    let name = state.info().resolve(&walk.panelist);
    let Some(p) = h.panelist(&name) else { return Ok(None) };
    let Some(earlier) = h.current_scores(&walk.candidate).into_iter().find(|s| s.panelist == p.name) else {
        return Ok(None);
    };
    let label = format!(
        "{} already scored {} (#{}); this is an amendment and the original stays visible. Why change it?",
        p.name, walk.candidate, earlier.seq
    );
    walk.prompted = true;
    walk.ask.text(None, "--reason", &label, check(|s| text::text(s, text::MAX_TEXT))).map(Some)
}

pub fn reveal(ctx: &Context, mut args: RevealArgs) -> Result<()> {
    if args.salt.is_none() && args.rating.ratings.is_empty() {
        return reveal_kept(ctx, args.rating.candidate, args.rating.panelist);
    }
    if args.rating.panelist.is_none() {
        args.rating.panelist = ctx.actor.clone();
    }
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let salt = ask.text(
        args.salt,
        "--salt",
        "The seal's salt (64 hex digits, from your private store):",
        check(Hash32::from_hex),
    )?;
    let input = Walk::start(ask, state, args.rating)?.finish("revealed score", |i| i)?;
    let events = vec![decide::reveal(state, input, &salt)?];
    let who = panelist_of(&events);
    session.record_for(ctx, &who, events)?;
    Ok(())
}

/// Reveals a sealed score from the private store on this machine, signed
/// by its panelist (the signer, unless `--panelist` names them). Prints
/// neither the salt nor the ratings.
fn reveal_kept(ctx: &Context, candidate: Option<String>, panelist: Option<String>) -> Result<()> {
    let ledger = private::ledger_id(ctx)?;
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let h = Hiring::of(state);
    let sealed: Vec<(String, String)> = h
        .candidates
        .iter()
        .filter(|c| {
            c.debrief.is_some() && h.seals.iter().any(|s| s.candidate == c.id && s.revealed.is_none())
        })
        .map(|c| (c.id.clone(), format!("{} — {}", c.id, c.name)))
        .collect();
    let (candidate, panelist) = ask.settle(|ask| {
        let label = "Reveal your sealed score for which candidate?";
        let candidate = pick(ask, candidate.clone(), "--candidate", label, sealed.clone())?;
        let candidate = find(&h, &candidate, "--candidate")?.id.clone();
        let panelist = match &panelist {
            Some(p) => p.clone(),
            None => session.actor(ctx)?,
        };
        let name =
            state.info().resolve(text::name(&panelist).map_err(|m| Error::input("--panelist", m))?.as_str());
        let panelist = h.panelist(&name).map_or(name.clone(), |p| p.name.clone());
        let summary = format!("Reveal {panelist}'s sealed score for {candidate}");
        Ok(((candidate, panelist), summary))
    })?;
    let event = match private::reveal_event(state, &ledger, &candidate, &panelist) {
        Ok(e) => e,
        Err(private::NotHere::Refused(e)) => return Err(e),
        Err(private::NotHere::Absent) => {
            return Err(Error::Unreadable {
                path: private_scores::dir(&ledger)?,
                cause: format!(
                    "no private copy of {panelist}'s sealed score for {candidate} on this machine; reveal it \
                     where it was scored (the keys directory it was scored with, CANDOR_KEYS)"
                ),
            })
        }
    };
    let seal = h.open_seal(&candidate, &panelist).map_or(0, |s| s.seq);
    session.record_for(ctx, &panelist, vec![event])?;
    emit(&format!("Revealed {panelist}'s score for {candidate}: it opens the seal recorded in #{seal}.\n"));
    Ok(())
}

/// The panelist the score belongs to, as recorded.
fn panelist_of(events: &[Event]) -> String {
    events
        .iter()
        .find_map(|e| match e {
            Event::ScoreSubmitted { panelist, .. }
            | Event::ScoreSealed { panelist, .. }
            | Event::ScoreRevealed { panelist, .. } => Some(panelist.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// One walk through the template: the flags given, and a prompt for each
/// value missing when prompts may be shown.
struct Walk<'p> {
    ask: Ask<'p>,
    candidate: String,
    panelist: String,
    template: Template,
    ratings: Vec<String>,
    evidence: Vec<String>,
    recommend: Option<String>,
    prompted: bool,
}

impl<'p> Walk<'p> {
    /// Gathers who scores whom (asking when missing).
    fn start(mut ask: Ask<'p>, state: &State, r: RatingArgs) -> Result<Walk<'p>> {
        let h = Hiring::of(state);
        let prompted = ask.interactive() && (r.candidate.is_none() || r.panelist.is_none());
        let open: Vec<(String, String)> = h
            .candidates
            .iter()
            .filter(|c| c.decision.is_none())
            .map(|c| (c.id.clone(), format!("{} — {}", c.id, c.name)))
            .collect();
        let candidate = pick(&mut ask, r.candidate, "--candidate", "Which candidate?", open)?;
        let panel: Vec<(String, String)> = h.panel.iter().map(|p| (p.name.clone(), p.name.clone())).collect();
        let panelist = pick(&mut ask, r.panelist, "--panelist", "Who is scoring?", panel)?;
        let (_, template) = template_for(&h, candidate.trim());
        Ok(Walk {
            ask,
            candidate,
            panelist,
            template,
            ratings: r.ratings,
            evidence: r.evidence,
            recommend: r.recommend,
            prompted,
        })
    }

    /// Asks for every competency without a rating, and for evidence the
    /// method requires; then the recommendation; then the summary, where
    /// "No" re-asks one answer and keeps the others.
    fn finish(mut self, what: &str, build: impl FnOnce(ScoreInput) -> ScoreInput) -> Result<ScoreInput> {
        let scale = self.template.scale();
        let (template, candidate, panelist) = (&self.template, &self.candidate, &self.panelist);
        let given = (&self.ratings, &self.evidence, &self.recommend);
        let prompted = self.prompted;
        let input = self.ask.settle(|ask| {
            if !ask.interactive() && given.0.is_empty() {
                // Note the flag as missing, so `settle` lists it with the others.
                ask.choose("--rating", "", &[], 0)?;
            }
            let (mut ratings, mut evidence) = (given.0.clone(), given.1.clone());
            let mut prompted = prompted;
            let total = template.competencies.len();
            for (i, c) in template.competencies.iter().enumerate() {
                let (rating, asked) = match given_value(&ratings, &c.key) {
                    Some(v) => (rating_value(v, scale).ok(), false),
                    None if ask.interactive() => {
                        prompted = true;
                        if ask.will_ask(&rating_label(c)) {
                            eprint!("{}", card(c, i + 1, total, scale));
                        }
                        let v = rate(ask, c, scale)?;
                        ratings.push(format!("{}={}", c.key, v.map_or("n/a".into(), |v| v.to_string())));
                        (Some(v), true)
                    }
                    None => (None, false),
                };
                // A rating asked for gets an evidence prompt; one given as a flag
                // only when the method requires a note and none was given.
                if let Some(value) = rating {
                    let unwritten = given_value(&evidence, &c.key).is_none();
                    if ask.interactive() && unwritten && (asked || needs_note(value, scale)) {
                        prompted = true;
                        if let Some(n) = note(ask, c, value, scale)? {
                            evidence.push(format!("{}={n}", c.key));
                        }
                    }
                }
            }
            let recommend = match given.2 {
                Some(r) => r.clone(),
                None => {
                    prompted |= ask.interactive();
                    let options: Vec<String> = Recommendation::ALL.iter().map(|r| r.to_string()).collect();
                    let label = "Your overall recommendation:";
                    ask.choose("--recommend", label, &options, 2)?
                        .map_or(String::new(), |i| options[i].clone())
                }
            };
            let input = ScoreInput {
                candidate: candidate.clone(),
                panelist: panelist.clone(),
                ratings,
                evidence,
                recommend,
                ..ScoreInput::default()
            };
            if prompted {
                eprint!("{}", summary(template, &input));
            }
            let said = format!("{}'s {what} for {}", input.panelist, input.candidate);
            Ok((input, said))
        })?;
        Ok(build(input))
    }
}

/// A flag's `KEY=VALUE` for `key`.
fn given_value<'v>(list: &'v [String], key: &str) -> Option<&'v str> {
    list.iter().find_map(|raw| raw.split_once('=').filter(|(k, _)| k.trim() == key).map(|(_, v)| v))
}

fn rating_label(c: &Competency) -> String {
    format!("Rating for {}:", c.name)
}

/// A select of the scale's values, anchors beside the low, middle and
/// top, and n/a; starts in the middle.
fn rate(ask: &mut Ask, c: &Competency, scale: Scale) -> Result<Option<i32>> {
    let mid = (scale.min + scale.max) / 2;
    let mut values: Vec<Option<i32>> = (scale.min..=scale.max).map(Some).collect();
    values.push(None);
    let options: Vec<String> = values
        .iter()
        .map(|v| match v {
            Some(v) if *v == scale.min => format!("{v} (low)"),
            Some(v) if *v == scale.max => format!("{v} (high)"),
            Some(v) if *v == mid => format!("{v} (mid)"),
            Some(v) => v.to_string(),
            None => "n/a (not assessed)".into(),
        })
        .collect();
    let start = usize::try_from(mid - scale.min).unwrap_or(0);
    Ok(ask.choose("--rating", &rating_label(c), &options, start)?.and_then(|i| values[i]))
}

/// The evidence note: required for the extremes and n/a, else optional.
fn note(ask: &mut Ask, c: &Competency, value: Option<i32>, scale: Scale) -> Result<Option<String>> {
    let rule = check(|s| text::text(s, text::MAX_TEXT));
    if needs_note(value, scale) {
        let why = if value.is_none() { "n/a" } else { "an extreme rating" };
        let label = format!("Evidence for {} — required for {why}: what did the candidate say or do?", c.key);
        return ask.text(None, "--evidence", &label, rule).map(Some);
    }
    ask.optional_text(None, &format!("Evidence for {}: what did the candidate say or do?", c.key), rule)
}

/// The method's rule (lowest, highest, n/a), as the core states it.
fn needs_note(value: Option<i32>, scale: Scale) -> bool {
    Rating { key: String::new(), value, evidence: None }.needs_evidence(scale)
}

/// The competency as the interviewer needs it: the question, what to
/// listen for, and the anchors.
fn card(c: &Competency, n: usize, total: usize, scale: Scale) -> String {
    let mut out = format!(
        "\n[{n}/{total}] {} — {} ({}, weight {}{})\n",
        c.key,
        c.name,
        c.kind,
        c.weight,
        if c.must_have { ", must-have" } else { "" }
    );
    for q in &c.questions {
        out.push_str(&format!("  Ask: {q}\n"));
    }
    out.push_str(&format!("  Listen for: {}\n", c.listen_for.join("; ")));
    out.push_str(&format!("  {} low:  {}\n", scale.min, c.anchors.low));
    out.push_str(&format!("  {} mid:  {}\n", (scale.min + scale.max) / 2, c.anchors.mid));
    out.push_str(&format!("  {} high: {}\n", scale.max, c.anchors.high));
    out
}

/// What is about to be recorded, one line per competency.
fn summary(t: &Template, input: &ScoreInput) -> String {
    let mut out = format!("\n{} on {}:\n", input.panelist, input.candidate);
    for c in &t.competencies {
        let rating = given_value(&input.ratings, &c.key).unwrap_or("?");
        let note = given_value(&input.evidence, &c.key).map_or(String::new(), |e| format!(" — {e}"));
        out.push_str(&format!("  {:<20} {rating}{note}\n", c.key));
    }
    out.push_str(&format!("  recommend: {}\n", input.recommend));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::Scripted;
    use candor::core::decide::hire::add_candidate;
    use candor::core::state::Origin;
    use candor::core::vocab::Cadence;
    use candor::core::Timestamp;

    fn state() -> State {
        let mut s = State::default();
        let opened = Event::LedgerOpened {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 1,
            cadence: Cadence::Weekly,
        };
        s.apply(Origin { seq: 1, recorded_at: Timestamp::from_micros(0) }, "Lee", &opened);
        let mut events = add_candidate(&s, "c-ana", "Ana").unwrap();
        events.push(Event::PanelistAdded { name: "Kim".into() });
        for (i, e) in events.iter().enumerate() {
            s.apply(Origin { seq: i as u64 + 2, recorded_at: Timestamp::from_micros(0) }, "Lee", e);
        }
        s
    }

    fn walk(p: &mut Scripted, r: RatingArgs) -> Result<ScoreInput> {
        let s = state();
        Walk::start(Ask::new(Some(p)), &s, r)?.finish("score", |i| i)
    }

    fn empty() -> RatingArgs {
        RatingArgs { candidate: None, panelist: None, ratings: vec![], evidence: vec![], recommend: None }
    }

    #[test]
    fn walks_every_competency_then_recommends_and_confirms() {
        // candidate, panelist, then nine competencies: rating + evidence each.
        let mut answers = vec!["c-ana", "Kim"];
        answers.extend(["5 (high)", "rebuilt the team from 3 to 9 reps"]); // team-before
        answers.extend(["n/a (not assessed)", "ran out of time"]); // team-retention
        for _ in 0..7 {
            answers.extend(["4", ""]);
        }
        answers.extend(["yes", "y"]);
        let input = walk(&mut Scripted::new(&answers), empty()).unwrap();
        assert_eq!(input.ratings[0], "team-before=5");
        assert_eq!(input.ratings[1], "team-retention=n/a");
        assert_eq!(input.ratings.len(), 9);
        assert_eq!(
            input.evidence,
            vec!["team-before=rebuilt the team from 3 to 9 reps", "team-retention=ran out of time"]
        );
        assert_eq!(input.recommend, "yes");
        // Before the debrief a score is sealed, never recorded in clear.
        let s = state();
        assert!(decide::seal(&s, input.clone(), &Hash32([3; 32])).is_ok());
        assert!(decide::score(&s, input).unwrap_err().to_string().starts_with("debrief: "));
    }

    #[test]
    fn flags_given_are_not_asked_and_escape_cancels() {
        let mut r = empty();
        r.candidate = Some("c-ana".into());
        r.panelist = Some("Kim".into());
        r.ratings = builtin_keys().iter().map(|k| format!("{k}=3")).collect();
        // Only the recommendation is asked, then the confirmation.
        let input = walk(&mut Scripted::new(&["strong-yes", "y"]), r.clone()).unwrap();
        assert_eq!(input.recommend, "strong-yes");
        let err = walk(&mut Scripted::new(&["<esc>"]), r).unwrap_err();
        assert!(matches!(err, Error::Cancelled));
    }

    #[test]
    fn no_at_the_summary_re_asks_one_rating_and_keeps_the_rest() {
        let first = candor::core::hiring::builtin::sales_leader().competencies[0].name.clone();
        let mut answers = vec!["c-ana", "Kim"];
        answers.extend(["5 (high)", "rebuilt the team from 3 to 9 reps"]); // team-before
        answers.extend(["n/a (not assessed)", "ran out of time"]); // team-retention
        for _ in 0..7 {
            answers.extend(["4", ""]);
        }
        answers.extend(["yes", "n"]);
        // Change the first rating: only it (and its now optional note) is asked again.
        let label = format!("Rating for {first}:");
        answers.extend([label.as_str(), "3", "", "y"]);
        let mut p = Scripted::new(&answers);
        let input = walk(&mut p, empty()).unwrap();
        assert!(p.done(), "every scripted answer was used, none left over");
        assert_eq!(input.ratings[0], "team-before=3");
        assert_eq!(input.ratings[1], "team-retention=n/a");
        assert_eq!(input.evidence, vec!["team-retention=ran out of time"]);
        assert_eq!(input.recommend, "yes");
    }

    fn builtin_keys() -> Vec<String> {
        candor::core::hiring::builtin::sales_leader().keys().iter().map(|k| k.to_string()).collect()
    }
}
