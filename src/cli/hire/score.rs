//! `candor hire score|seal|reveal`: a panelist's ratings, by flags or by a
//! walk through the template — each question with its anchors and what to
//! listen for, a rating, the evidence, then the recommendation.

use super::pick;
use crate::cli::context::Context;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Ask, Terminal};
use crate::cli::record::{prompter, Session};
use candor::core::decide::hire::score::{self as decide, rating_value, ScoreInput};
use candor::core::decide::hire::template_for;
use candor::core::hiring::{Competency, Hiring, Rating, Scale, Template};
use candor::core::state::State;
use candor::core::text;
use candor::core::vocab::Recommendation;
use candor::core::{Event, Hash32};
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
pub struct SealArgs {
    #[command(flatten)]
    rating: RatingArgs,
}

#[derive(clap::Args)]
pub struct RevealArgs {
    #[command(flatten)]
    rating: RatingArgs,
    /// The salt `candor hire seal` printed (64 hex digits)
    #[arg(long)]
    salt: Option<String>,
}

pub fn score(ctx: &Context, args: ScoreArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let mut walk = Walk::start(ask, state, args.rating)?;
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

pub fn seal(ctx: &Context, args: SealArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let input = Walk::start(ask, state, args.rating)?.finish("sealed score", |i| i)?;
    let salt = random_salt()?;
    let events = decide::seal(state, input.clone(), &salt)?;
    let reveal = reveal_command(&input, &salt, state);
    let who = panelist_of(&events);
    session.record_for(ctx, &who, events)?;
    emit(&format!(
        "Sealed: the ledger holds only a commitment to this score. Keep the salt and this command private,\n\
         and run it when your score may be shown; only exactly these values open the seal:\n\n  {reveal}\n\nsalt: {}\n",
        salt.to_hex()
    ));
    Ok(())
}

pub fn reveal(ctx: &Context, args: RevealArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut terminal = Terminal;
    let mut ask = Ask::new(prompter(ctx, &mut terminal));
    let state = &session.state;
    let salt = ask.text(
        args.salt,
        "--salt",
        "The salt printed when you sealed (64 hex digits):",
        check(Hash32::from_hex),
    )?;
    let input = Walk::start(ask, state, args.rating)?.finish("revealed score", |i| i)?;
    let events = vec![decide::reveal(state, input, &salt)?];
    let who = panelist_of(&events);
    session.record_for(ctx, &who, events)?;
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

/// 32 bytes from the operating system's random source.
fn random_salt() -> Result<Hash32> {
    let mut salt = [0u8; 32];
    getrandom::getrandom(&mut salt)
        .map_err(|e| Error::Usage(format!("cannot get random bytes for the salt: {e}")))?;
    Ok(Hash32(salt))
}

/// Quotes a shell word when it needs it.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_=./:,@+".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The exact command that reveals this seal: the validated values, in
/// template order, so that it opens the commitment as recorded.
fn reveal_command(input: &ScoreInput, salt: &Hash32, state: &State) -> String {
    let h = Hiring::of(state);
    let (_, template) = template_for(&h, &input.candidate);
    let ratings = decide::ratings(&template, &input.ratings, &input.evidence).unwrap_or_default();
    let panelist =
        h.panelist(&state.info().resolve(&input.panelist)).map_or(input.panelist.clone(), |p| p.name.clone());
    let mut words: Vec<String> = vec![
        "candor hire reveal".into(),
        format!("--candidate {}", shell_word(input.candidate.trim())),
        format!("--panelist {}", shell_word(&panelist)),
        format!("--salt {}", salt.to_hex()),
    ];
    for r in &ratings {
        words.push(format!("--rating {}", shell_word(&format!("{}={}", r.key, r.shown()))));
    }
    for r in &ratings {
        if let Some(e) = &r.evidence {
            words.push(format!("--evidence {}", shell_word(&format!("{}={e}", r.key))));
        }
    }
    let recommend =
        Recommendation::parse(&input.recommend).map_or(input.recommend.clone(), |r| r.to_string());
    words.push(format!("--recommend {recommend}"));
    words.join(" ")
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

    fn given<'v>(list: &'v [String], key: &str) -> Option<&'v str> {
        list.iter().find_map(|raw| raw.split_once('=').filter(|(k, _)| k.trim() == key).map(|(_, v)| v))
    }

    /// Asks for every competency without a rating, and for evidence the
    /// method requires; then the recommendation; then the summary.
    fn finish(mut self, what: &str, build: impl FnOnce(ScoreInput) -> ScoreInput) -> Result<ScoreInput> {
        let scale = self.template.scale();
        let total = self.template.competencies.len();
        if !self.ask.interactive() && self.ratings.is_empty() {
            // Note the flag as missing, so `finish` lists it with the others.
            self.ask.choose("--rating", "", &[], 0)?;
        }
        for (i, c) in self.template.competencies.clone().iter().enumerate() {
            let (rating, asked) = match Self::given(&self.ratings, &c.key) {
                Some(v) => (rating_value(v, scale).ok(), false),
                None if self.ask.interactive() => {
                    self.prompted = true;
                    eprint!("{}", card(c, i + 1, total, scale));
                    let v = self.rate(c, scale)?;
                    self.ratings.push(format!("{}={}", c.key, v.map_or("n/a".into(), |v| v.to_string())));
                    (Some(v), true)
                }
                None => (None, false),
            };
            // A rating asked for gets an evidence prompt; one given as a flag
            // only when the method requires a note and none was given.
            if let Some(value) = rating {
                let unwritten = Self::given(&self.evidence, &c.key).is_none();
                if self.ask.interactive() && unwritten && (asked || needs_note(value, scale)) {
                    self.note(c, value, scale)?;
                }
            }
        }
        let recommend = match self.recommend.take() {
            Some(r) => r,
            None => {
                self.prompted |= self.ask.interactive();
                let options: Vec<String> = Recommendation::ALL.iter().map(|r| r.to_string()).collect();
                let label = "Your overall recommendation:";
                self.ask
                    .choose("--recommend", label, &options, 2)?
                    .map_or(String::new(), |i| options[i].clone())
            }
        };
        let input = build(ScoreInput {
            candidate: self.candidate,
            panelist: self.panelist,
            ratings: self.ratings,
            evidence: self.evidence,
            recommend,
            ..ScoreInput::default()
        });
        if self.prompted {
            eprint!("{}", summary(&self.template, &input));
        }
        self.ask.finish(&format!("{}'s {what} for {}", input.panelist, input.candidate))?;
        Ok(input)
    }

    /// A select of the scale's values, anchors beside the low, middle and
    /// top, and n/a; starts in the middle.
    fn rate(&mut self, c: &Competency, scale: Scale) -> Result<Option<i32>> {
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
        let label = format!("Rating for {}:", c.name);
        Ok(self.ask.choose("--rating", &label, &options, start)?.and_then(|i| values[i]))
    }

    /// The evidence note: required for the extremes and n/a, else optional.
    fn note(&mut self, c: &Competency, value: Option<i32>, scale: Scale) -> Result<()> {
        self.prompted = true;
        let required = needs_note(value, scale);
        let rule = check(|s| text::text(s, text::MAX_TEXT));
        let note = if required {
            let why = if value.is_none() { "n/a" } else { "an extreme rating" };
            let label =
                format!("Evidence for {} — required for {why}: what did the candidate say or do?", c.key);
            Some(self.ask.text(None, "--evidence", &label, rule)?)
        } else {
            self.ask.optional_text(
                None,
                &format!("Evidence for {}: what did the candidate say or do?", c.key),
                rule,
            )?
        };
        if let Some(n) = note {
            self.evidence.push(format!("{}={n}", c.key));
        }
        Ok(())
    }
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
        let rating = Walk::given(&input.ratings, &c.key).unwrap_or("?");
        let note = Walk::given(&input.evidence, &c.key).map_or(String::new(), |e| format!(" — {e}"));
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
        let s = state();
        assert!(decide::score(&s, input).is_ok());
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

    fn builtin_keys() -> Vec<String> {
        candor::core::hiring::builtin::sales_leader().keys().iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn the_reveal_command_repeats_the_sealed_values_quoted() {
        let s = state();
        let mut ratings: Vec<String> = builtin_keys().iter().map(|k| format!("{k}=3")).collect();
        ratings[0] = "team-before=5".into();
        let input = ScoreInput {
            candidate: "c-ana".into(),
            panelist: "kim".into(),
            ratings,
            evidence: vec!["team-before=doubled it, she said: 'twice'".into()],
            recommend: "Yes".into(),
            ..ScoreInput::default()
        };
        let cmd = reveal_command(&input, &Hash32([0xab; 32]), &s);
        assert!(cmd.starts_with("candor hire reveal --candidate c-ana --panelist Kim --salt abab"), "{cmd}");
        assert!(cmd.contains("--rating team-before=5 --rating team-retention=3"), "{cmd}");
        assert!(cmd.contains(r#"--evidence 'team-before=doubled it, she said: '\''twice'\'''"#), "{cmd}");
        assert!(cmd.ends_with("--recommend yes"), "{cmd}");
    }
}
