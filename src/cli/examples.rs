//! An "Examples:" section for every command's help, from one table.
//!
//! Each example is a real invocation, flags as in the README's tour (Acme
//! Tools, CEO Dana Reyes, sales leader Lee Park, January 2026). A test
//! parses every one with clap, so an example cannot name a flag or a value
//! the command no longer accepts.

use clap::builder::StyledStr;
use clap::Command;

/// One example: what it does (may be empty), and the command line. A long
/// line continues after ` \` and a newline, as in a shell.
type Example = (&'static str, &'static str);

/// Kim Ito's public key, as `candor key new --name "Kim Ito"` printed it, on
/// a line of its own (too long to share one within 80 columns).
macro_rules! kim_key {
    () => {
        "\\\ned25519:08950d2b0eaae07461a4b38a283fd7def5d6d0fa5100ae3d2625fa4093ad463c"
    };
}

/// Every command's examples, by its path under `candor` ("" is `candor` itself).
const EXAMPLES: &[(&str, &[Example])] = &[
    (
        "",
        &[
            ("Two bundled scenarios in a throw-away ledger", "candor demo"),
            (
                "Open a ledger, then read the dashboard and the brief",
                "candor init --company \"Acme Tools\" --ceo \"Dana Reyes\" --leader \"Lee Park\"",
            ),
            ("", "candor trust"),
            ("", "candor brief --format html --output brief.html"),
            ("Tab completion, and this manual", "candor completions bash \\\n  > ~/.local/share/bash-completion/completions/candor"),
            ("", "candor man | man -l -"),
        ],
    ),
    (
        "init",
        &[
            (
                "Open a ledger; the CEO's key is made on this machine",
                "candor init --company \"Acme Tools\" --ceo \"Dana Reyes\" --leader \"Lee Park\"",
            ),
            (
                "Both on one machine; the year from April; a meeting every two weeks",
                "candor init --company \"Acme Tools\" --ceo \"Dana Reyes\" \\\n  \
                 --leader \"Lee Park\" --fiscal-year-start 4 --cadence biweekly \\\n  \
                 --currency EUR --leader-key-here",
            ),
        ],
    ),
    ("goal", &[("", "candor --as ceo goal set --period 2026-Q1 --amount 1.2M"), ("", "candor goal list")]),
    (
        "goal set",
        &[
            ("The quarter's goal (the CEO sets goals)", "candor --as ceo goal set --period 2026-Q1 --amount 1.2M"),
            ("The year's", "candor --as ceo goal set --period 2026 --amount 5M"),
        ],
    ),
    ("goal list", &[("", "candor goal list"), ("As they stood at last week's meeting", "candor goal list --as-of 2026-01-09")]),
    ("actual", &[("", "candor actual record --period 2026-01 --amount 380k"), ("", "candor actual list")]),
    (
        "actual record",
        &[
            ("January's revenue", "candor actual record --period 2026-01 --amount 380k"),
            ("Again, to replace it", "candor actual record --period 2026-01 --amount 395,000"),
        ],
    ),
    ("actual list", &[("", "candor actual list"), ("", "candor actual list --format md")]),
    (
        "forecast",
        &[("", "candor forecast submit --period 2026-Q1 --amount 1.1M"), ("", "candor forecast list --period 2026-Q1")],
    ),
    (
        "forecast submit",
        &[
            ("", "candor forecast submit --period 2026-Q1 --amount 1.1M"),
            (
                "With the part you are sure of, the best case and what it rests on",
                "candor forecast submit --period 2026-Q1 --amount 1.1M --commit 900k \\\n  \
                 --best-case 1.4M --note \"two renewals\"",
            ),
        ],
    ),
    (
        "forecast agree",
        &[("The number both sides agree on at the meeting", "candor forecast agree --period 2026-Q1 --amount 1M --agreed-by ceo,leader")],
    ),
    (
        "forecast list",
        &[("", "candor forecast list"), ("One quarter, as data", "candor forecast list --period 2026-Q1 --format json")],
    ),
    (
        "deal",
        &[
            ("", "candor deal add --id D-1 --account Globex --amount 120k \\\n  --close 2026-03-31"),
            ("", "candor deal risk D-1 --reason \"champion left\""),
            ("", "candor deal list"),
        ],
    ),
    (
        "deal add",
        &[(
            "",
            "candor deal add --id D-1 --account Globex --amount 120k \\\n  \
             --close 2026-03-31 --stage proposal --probability 40",
        )],
    ),
    (
        "deal update",
        &[
            ("", "candor deal update D-1 --amount 150k --stage negotiation --probability 60"),
            ("A later close date: a slip", "candor deal update D-1 --close 2026-04-30"),
        ],
    ),
    (
        "deal risk",
        &[
            ("Bad news early", "candor deal risk D-1 --reason \"champion left\""),
            (
                "With what is being done about it, by whom, by when",
                "candor deal risk D-1 --reason \"champion left\" \\\n  \
                 --action \"Meet the new VP\" --owner leader --by 2026-01-16",
            ),
        ],
    ),
    ("deal clear-risk", &[("", "candor deal clear-risk D-1 --note \"new champion found\"")]),
    (
        "deal won",
        &[("", "candor deal won D-1"), ("At a final amount that changed, on the day", "candor deal won D-1 --amount 135k --on 2026-03-20")],
    ),
    ("deal lost", &[("", "candor deal lost D-1 --reason \"went with a competitor\"")]),
    (
        "deal list",
        &[("The open deals", "candor deal list"), ("Every deal, as it stood at last week's meeting", "candor deal list --status all --as-of 2026-01-09")],
    ),
    ("deal show", &[("", "candor deal show D-1"), ("", "candor deal show D-1 --format json")]),
    (
        "deal bands",
        &[
            (
                "Size bands and the agreed mix of open pipeline value",
                "candor --as ceo deal bands \\\n  --band large=250k --band mid=50k --band small=0 \\\n  \
                 --target large=40 --target mid=40 --target small=20",
            ),
            ("Show them", "candor deal bands"),
        ],
    ),
    ("import", &[("", "candor import deals --source salesforce opportunities.csv")]),
    (
        "import deals",
        &[
            ("What it would record, writing nothing", "candor import deals --source salesforce opportunities.csv --dry-run"),
            ("", "candor import deals --source hubspot hubspot-crm-exports-deals.csv \\\n  --missing lost"),
            (
                "Any CSV: name the columns",
                "candor import deals --source csv deals.csv \\\n  \
                 --map Ref=id --map Client=account --map Value=amount \\\n  \
                 --map Due=close --map Phase=stage --map Signed=won",
            ),
        ],
    ),
    (
        "commitment",
        &[
            ("", "candor commitment add --id C-1 --owner leader --what \"Send the Q1 plan\" \\\n  --due 2026-01-09"),
            ("", "candor commitment done C-1"),
            ("", "candor commitment list"),
        ],
    ),
    (
        "commitment add",
        &[
            ("", "candor commitment add --id C-1 --owner leader --what \"Send the Q1 plan\" \\\n  --due 2026-01-09"),
            ("The CEO's own", "candor --as ceo commitment add --id C-2 --owner ceo \\\n  --what \"Approve two hires\" --due 2026-01-09"),
        ],
    ),
    ("commitment done", &[("", "candor commitment done C-1"), ("Done a day earlier", "candor commitment done C-1 --on 2026-01-08")]),
    (
        "commitment reschedule",
        &[("Before it is due: honest renegotiation", "candor --as ceo commitment reschedule C-2 --due 2026-01-16 \\\n  --reason \"budget review moved\"")],
    ),
    ("commitment drop", &[("By agreement", "candor --as ceo commitment drop C-2 --reason \"hiring frozen until Q2\"")]),
    ("commitment missed", &[("", "candor --as ceo commitment missed C-2")]),
    ("commitment list", &[("", "candor commitment list"), ("Only the CEO's", "candor commitment list --owner ceo")]),
    (
        "plan",
        &[
            ("", "candor plan add --kind goal --id G-1 --title \"Grow enterprise revenue\" \\\n  --owner ceo --due 2026-06-30"),
            ("", "candor plan show"),
        ],
    ),
    (
        "plan add",
        &[
            ("", "candor plan add --kind goal --id G-1 --title \"Grow enterprise revenue\" \\\n  --owner ceo --due 2026-06-30"),
            (
                "An initiative serving it",
                "candor plan add --kind initiative --id I-1 \\\n  \
                 --title \"Sales training for the team\" --parent G-1 --owner leader",
            ),
            (
                "An activity of the initiative, with its dates",
                "candor plan add --kind activity --id A-1 --title \"Two-day workshop\" \\\n  \
                 --parent I-1 --owner leader --start 2026-01-19 --due 2026-01-20",
            ),
        ],
    ),
    ("plan complete", &[("", "candor plan complete A-1")]),
    ("plan option", &[("", "candor plan option add --id O-1 --title \"Partner channel\" \\\n  --impact 5 --effort 2")]),
    (
        "plan option add",
        &[(
            "Rated 1-5 for impact and for effort",
            "candor plan option add --id O-1 --title \"Partner channel\" \\\n  \
             --impact 5 --effort 2 --note \"two resellers asked\"",
        )],
    ),
    ("plan options", &[("Best impact for effort first", "candor plan options")]),
    ("plan adopt", &[("", "candor plan adopt O-1"), ("", "candor plan adopt O-1 --note \"start with two partners\"")]),
    (
        "plan change",
        &[(
            "Why is required",
            "candor plan change --what \"Two more demos a week\" \\\n  \
             --why \"Demos below target two weeks running\" --effective 2026-01-12",
        )],
    ),
    ("plan min-run", &[("Let the plan work before judging it", "candor --as ceo plan min-run --weeks 8")]),
    ("plan show", &[("", "candor plan show"), ("The same, as it stood on a date", "candor plan list --as-of 2026-01-09")]),
    (
        "indicator",
        &[
            ("", "candor indicator define --name \"Qualified meetings\" --target 12"),
            ("", "candor indicator record --name \"Qualified meetings\" \\\n  --week 2026-W02 --value 9"),
            ("", "candor indicator list"),
        ],
    ),
    (
        "indicator define",
        &[
            ("", "candor indicator define --name \"Qualified meetings\" --target 12"),
            ("Good when low", "candor indicator define --name \"Discounts over 20%\" --target 2 \\\n  --direction at-most"),
        ],
    ),
    ("indicator record", &[("", "candor indicator record --name \"Qualified meetings\" \\\n  --week 2026-W02 --value 9")]),
    ("indicator list", &[("", "candor indicator list"), ("The last eight complete weeks", "candor indicator list --weeks 8")]),
    (
        "contingency",
        &[("", "candor contingency add --id CT-2 --revenue-gap-above 300k \\\n  --action \"Pull the partner launch forward\""), ("", "candor contingency list")],
    ),
    (
        "contingency add",
        &[
            (
                "When an indicator falls behind",
                "candor contingency add --id CT-1 --indicator \"Qualified meetings\" \\\n  \
                 --below 8 --weeks 2 --action \"Leader joins prospecting two days a week\"",
            ),
            ("When the quarter's gap grows", "candor contingency add --id CT-2 --revenue-gap-above 300k \\\n  --action \"Pull the partner launch forward\""),
        ],
    ),
    ("contingency acted", &[("", "candor contingency acted CT-1 \\\n  --note \"Lee prospects on Tuesdays and Thursdays\"")]),
    ("contingency list", &[("With what is triggered now", "candor contingency list")]),
    ("meeting", &[("", "candor meeting hold"), ("", "candor meeting list")]),
    (
        "meeting hold",
        &[
            ("Guided through the agenda, in a terminal", "candor meeting hold"),
            (
                "By flags",
                "candor meeting hold --worked-plan partly --results no \\\n  --adjust \"Two more demos a week\" \\\n  \
                 --commit leader:2026-01-16:\"Book 10 demos\" --rating 8 --acknowledge",
            ),
        ],
    ),
    (
        "meeting ack",
        &[
            ("The other side's acknowledgement of the same head", "candor --as ceo meeting ack"),
            ("Later, from the CEO's own machine", "candor --remote https://candor.acme.example meeting ack"),
        ],
    ),
    ("meeting skip", &[("", "candor meeting skip --date 2026-01-16 --reason \"CEO at the board offsite\"")]),
    ("meeting list", &[("Who acknowledged, or who is pending", "candor meeting list")]),
    (
        "issue",
        &[("", "candor --as ceo issue raise \\\n  --title \"Globex slip heard from the customer first\""), ("", "candor issue list --open")],
    ),
    (
        "issue raise",
        &[
            ("", "candor --as ceo issue raise \\\n  --title \"Globex slip heard from the customer first\""),
            ("", "candor issue raise --title \"Discount approvals take a week\" \\\n  --detail \"Three deals waited\""),
        ],
    ),
    ("issue resolve", &[("", "candor issue resolve I-1 \\\n  --resolution \"Lee calls Dana the day a deal slips\"")]),
    ("issue list", &[("", "candor issue list"), ("Only the open ones", "candor issue list --open")]),
    ("clock", &[("", "candor clock reset --reason \"the laptop's clock said 2099\"")]),
    ("clock reset", &[("Once, after a record was stamped in the future", "candor clock reset --reason \"the laptop's clock said 2099\"")]),
    ("expect", &[("", "candor --as ceo expect set --area pricing --right consult-ceo-first"), ("", "candor expect show")]),
    (
        "expect set",
        &[
            ("A decision right", "candor --as ceo expect set --area pricing --right consult-ceo-first"),
            (
                "The leader's agreed focus",
                "candor --as ceo expect set --coaching 40 --selling 40 --new-markets 20 \\\n  --office 30 --field 70",
            ),
        ],
    ),
    ("expect show", &[("", "candor expect show"), ("The same, as data", "candor expect list --format json")]),
    (
        "correct",
        &[
            ("A field's right value (the fields of `candor show 9`)", "candor --as ceo correct 9 --set due=2026-01-16 \\\n  --reason \"we agreed the 16th\""),
            ("A record written twice", "candor correct 12 --void --reason \"entered twice\""),
        ],
    ),
    (
        "brief",
        &[
            ("In the terminal", "candor brief"),
            ("One self-contained page with charts; prints well", "candor brief --format html --output brief.html"),
            ("To paste or e-mail, since a date", "candor brief --since 2026-01-02 --format md"),
        ],
    ),
    (
        "trust",
        &[
            ("", "candor trust"),
            ("As it stood at last week's meeting, as data", "candor trust --as-of 2026-01-09 --format json"),
            ("One page to open in a browser or print", "candor trust --format html > trust.html"),
        ],
    ),
    (
        "threshold",
        &[("", "candor --as ceo threshold set --metric commitments \\\n  --green 85% --amber 70%"), ("", "candor threshold list")],
    ),
    ("threshold set", &[("", "candor --as ceo threshold set --metric commitments \\\n  --green 85% --amber 70%")]),
    ("threshold list", &[("", "candor threshold list")]),
    ("audit", &[("", "candor audit forecast"), ("", "candor audit commitments --as-of 2026-03-31")]),
    (
        "audit forecast",
        &[
            ("Accuracy and bias at start, mid and final", "candor audit forecast"),
            ("By month, with the point four weeks before each end", "candor audit forecast --granularity month --weeks-before 4"),
        ],
    ),
    ("audit commitments", &[("Say / do per owner", "candor audit commitments"), ("", "candor audit commitments --format json")]),
    ("audit slips", &[("", "candor audit slips")]),
    ("audit risks", &[("Was bad news early?", "candor audit risks")]),
    ("audit cadence", &[("", "candor audit cadence"), ("", "candor audit cadence --as-of 2026-03-31")]),
    ("audit indicators", &[("", "candor audit indicators --weeks 8")]),
    ("audit plan", &[("", "candor audit plan")]),
    ("audit calibration", &[("", "candor audit calibration")]),
    ("audit pipeline", &[("", "candor audit pipeline"), ("", "candor audit pipeline --format md")]),
    ("key", &[("", "candor key new --name \"Lee Park\""), ("", "candor key list")]),
    ("key new", &[("Send the printed ed25519:... line to the CEO", "candor key new --name \"Lee Park\"")]),
    ("key list", &[("", "candor key list")]),
    ("key default", &[("Sign as the sales leader unless --as says otherwise", "candor key default leader")]),
    (
        "member",
        &[("", "candor member list"), ("", concat!("candor --as ceo member add --name \"Kim Ito\" --role panelist --key ", kim_key!()))],
    ),
    (
        "member add",
        &[
            ("A panelist, with the key they made", concat!("candor --as ceo member add --name \"Kim Ito\" --role panelist --key ", kim_key!())),
            ("An advisor, whose key comes later", "candor --as ceo member add --name \"Sam Okafor\" --role advisor"),
        ],
    ),
    ("member key", &[("", concat!("candor --as ceo member key --name \"Kim Ito\" --key ", kim_key!()))]),
    (
        "member remove",
        &[
            ("", "candor --as ceo member remove --name \"Kim Ito\" --reason \"left the panel\""),
            ("Only a lost key", concat!("candor --as ceo member remove --name \"Kim Ito\" --reason \"laptop stolen\" \\\n  --key ", kim_key!())),
        ],
    ),
    (
        "member login-link",
        &[("", "candor --as ceo member login-link --name \"Kim Ito\" --expires 2h \\\n  --url https://candor.acme.example")],
    ),
    ("member list", &[("", "candor member list")]),
    (
        "member rename",
        &[("", "candor --as ceo member rename --name \"Dana Reyes\" --to \"Dana Reyes-Ito\" \\\n  --reason \"married\"")],
    ),
    (
        "member hand-over",
        &[("", "candor --as ceo member hand-over --role leader --to \"Kim Ito\" \\\n  --reason \"Lee moves to EMEA\"")],
    ),
    (
        "hire",
        &[("", "candor --as ceo hire candidate add --id c-ana --name \"Ana Pérez\""), ("", "candor hire report")],
    ),
    ("hire template", &[("", "candor hire template show")]),
    ("hire template show", &[("The template in force", "candor hire template show"), ("Its first version", "candor hire template show 1")]),
    ("hire template load", &[("", "candor --as ceo hire template load fixtures/templates/sales-leader.toml")]),
    ("hire candidate", &[("", "candor --as ceo hire candidate add --id c-ana --name \"Ana Pérez\""), ("", "candor hire candidate list")]),
    ("hire candidate add", &[("", "candor --as ceo hire candidate add --id c-ana --name \"Ana Pérez\"")]),
    ("hire candidate list", &[("", "candor hire candidate list")]),
    ("hire panel", &[("", "candor --as ceo hire panel add --name ceo"), ("", "candor hire panel list")]),
    (
        "hire panel add",
        &[
            ("", "candor --as ceo hire panel add --name ceo"),
            ("With the key Kim made on her machine", concat!("candor --as ceo hire panel add --name \"Kim Ito\" --key ", kim_key!())),
        ],
    ),
    ("hire panel list", &[("", "candor hire panel list")]),
    (
        "hire score",
        &[
            ("Walks each question; sealed until the debrief", "candor --as \"Kim Ito\" hire score"),
            (
                "By flags: a rating for every competency",
                "candor --as ceo hire score --candidate c-ana --panelist ceo \\\n  \
                 --rating team-before=3 --rating team-retention=4 --rating drivers=4 \\\n  \
                 --rating growth-source=3 --rating team-building=4 \\\n  \
                 --rating goal-setting=3 --rating change-leadership=3 \\\n  \
                 --rating forecasting=4 --rating bad-news-early=4 --recommend yes",
            ),
        ],
    ),
    ("hire reveal", &[("On Kim's machine, if hers was pending at the debrief", "candor --as \"Kim Ito\" hire reveal --candidate c-ana")]),
    ("hire debrief", &[("", "candor --as ceo hire debrief --candidate c-ana")]),
    ("hire report", &[("", "candor hire report"), ("", "candor hire report --candidate c-ana --format json")]),
    (
        "hire decide",
        &[(
            "",
            "candor --as ceo hire decide --candidate c-ana --decision hire \\\n  \
             --reason \"coaches; forecasts within 10%\" --make-leader",
        )],
    ),
    ("log", &[("", "candor log"), ("Up to a date, with who signed each record", "candor log --as-of 2026-01-09 --format json")]),
    ("show", &[("", "candor show 9")]),
    ("digest", &[("Keep SEQ:HASH somewhere else", "candor digest"), ("", "candor digest --format json")]),
    (
        "verify",
        &[
            ("", "candor verify"),
            (
                "Prove that exactly this history is still the prefix",
                "candor verify --digest \\\n  42:9b7d4bba0c2e6f1a3d5b7c9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f80",
            ),
        ],
    ),
    ("export", &[("", "candor export --output acme.jsonl"), ("", "candor export | gzip > acme.jsonl.gz")]),
    ("restore", &[("Into an empty ledger", "candor --ledger ./copy restore acme.jsonl")]),
    ("salvage", &[("", "candor salvage ./damaged-ledger --output rescued.jsonl")]),
    (
        "replay",
        &[
            ("", "candor --ledger ./scenario replay fixtures/scenarios/manufacturing.candor"),
            ("", "candor replay script.candor --verbose"),
        ],
    ),
    (
        "demo",
        &[
            ("", "candor demo"),
            ("Keep the demo ledgers to look around", "candor demo --keep"),
            ("Then click through the pages", "candor demo --serve"),
        ],
    ),
    (
        "serve",
        &[
            ("", "candor serve --listen 0.0.0.0:443 --tls-cert cert.pem --tls-key key.pem"),
            ("Behind a TLS proxy", "candor serve --listen 127.0.0.1:7420 --secure-cookies"),
        ],
    ),
    (
        "completions",
        &[
            ("bash", "candor completions bash \\\n  > ~/.local/share/bash-completion/completions/candor"),
            ("zsh (with fpath+=~/.zfunc before compinit in ~/.zshrc)", "candor completions zsh > ~/.zfunc/_candor"),
            ("fish", "candor completions fish > ~/.config/fish/completions/candor.fish"),
            ("PowerShell", "candor completions powershell >> $PROFILE"),
        ],
    ),
    (
        "man",
        &[
            ("Read it now", "candor man | man -l -"),
            ("Install it for `man candor`", "candor man > ~/.local/share/man/man1/candor.1"),
        ],
    ),
];

/// The examples of the command at `path` ("deal add"; "" for `candor`).
pub fn for_path(path: &str) -> Option<&'static [Example]> {
    EXAMPLES.iter().find(|(p, _)| *p == path).map(|(_, list)| *list)
}

/// `cmd` with each command's examples after its help, all the way down.
pub fn apply(cmd: Command) -> Command {
    attach(cmd, "")
}

fn attach(mut cmd: Command, path: &str) -> Command {
    if let Some(list) = for_path(path) {
        let text = render(list, cmd.get_styles().get_header());
        // A command's own note (e.g. the formats it offers) stays, above.
        let text = match cmd.get_after_help() {
            Some(own) => clap::builder::StyledStr::from(format!("{}\n\n{}", own.ansi(), text.ansi())),
            None => text,
        };
        cmd = cmd.after_help(text);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| attach(sub, &sub_path));
    }
    cmd
}

/// The section as help shows it, its heading styled like clap's own.
fn render(list: &[Example], header: &clap::builder::styling::Style) -> StyledStr {
    let mut text = format!("{header}Examples:{header:#}\n");
    for (i, (what, invocation)) in list.iter().enumerate() {
        if !what.is_empty() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&format!("  # {what}\n"));
        }
        for line in invocation.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    StyledStr::from(text.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::replay::split_words;
    use crate::cli::Cli;
    use clap::{CommandFactory, Parser};

    /// Every command path under `cmd`, hidden ones left out.
    fn paths(cmd: &Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let path = if prefix.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{prefix} {}", sub.get_name())
            };
            paths(sub, &path, out);
            out.push(path);
        }
    }

    /// The words the shell would pass to candor: continuations joined,
    /// and a redirection or a pipe ends the command.
    fn argv(invocation: &str) -> Vec<String> {
        let line = invocation.replace("\\\n", " ");
        let words = split_words(&line).unwrap_or_else(|e| panic!("{invocation}: {e}"));
        words.into_iter().take_while(|w| !matches!(w.as_str(), ">" | ">>" | "|" | "<" | "&&" | ";")).collect()
    }

    #[test]
    fn every_visible_command_has_examples() {
        let mut all = vec![String::new()];
        paths(&Cli::command(), "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|p| for_path(p).is_none_or(|l| l.is_empty())).collect();
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
    }

    #[test]
    fn every_example_names_a_command_that_exists() {
        let mut all = vec![String::new()];
        paths(&Cli::command(), "", &mut all);
        for (path, _) in EXAMPLES {
            assert!(all.iter().any(|p| p == path), "examples for `{path}`, which is no command");
        }
        let mut seen = std::collections::HashSet::new();
        for (path, _) in EXAMPLES {
            assert!(seen.insert(path), "`{path}` has two entries; only the first would show");
        }
    }

    /// The command a line calls, by its canonical names ("plan list" is "plan show").
    fn called(words: &[String]) -> String {
        let matches = Cli::command().try_get_matches_from(words).expect("parsed above");
        let mut names = Vec::new();
        let mut at = &matches;
        while let Some((name, sub)) = at.subcommand() {
            names.push(name.to_string());
            at = sub;
        }
        names.join(" ")
    }

    #[test]
    fn every_example_parses() {
        for (path, list) in EXAMPLES {
            for (_, invocation) in list.iter() {
                let words = argv(invocation);
                assert_eq!(words.first().map(String::as_str), Some("candor"), "{invocation}");
                if let Err(e) = Cli::try_parse_from(&words) {
                    panic!("the example of `{path}` does not parse: {invocation}\n{e}");
                }
                // A command's examples call it (or, for a group, one of its subcommands).
                let called = called(&words);
                assert!(
                    called == *path || called.starts_with(&format!("{path} ")) || path.is_empty(),
                    "the example of `{path}` calls `{called}`: {invocation}"
                );
            }
        }
    }

    /// The widest line an example may have: help indents it by 2, the
    /// manual page by 7, and either must fit an 80-column terminal (help
    /// wraps at the terminal's width, which would break a command mid-way).
    const WIDEST: usize = 73;

    #[test]
    fn every_example_fits_80_columns() {
        let mut wide = Vec::new();
        for (path, list) in EXAMPLES {
            for (what, invocation) in list.iter() {
                let comment = format!("# {what}");
                let lines = invocation.lines().chain(std::iter::once(comment.as_str()));
                wide.extend(lines.filter(|l| l.chars().count() > WIDEST).map(|l| format!("{path}: {l}")));
            }
        }
        assert!(wide.is_empty(), "example lines wider than {WIDEST} columns:\n{}", wide.join("\n"));
    }

    #[test]
    fn help_shows_the_examples() {
        apply(Cli::command()).debug_assert();
        let mut cmd = apply(Cli::command());
        let help = cmd
            .find_subcommand_mut("deal")
            .and_then(|d| d.find_subcommand_mut("add"))
            .map(|c| c.render_help().to_string());
        let help = help.expect("deal add");
        assert!(help.contains("Examples:\n  candor deal add --id D-1"), "{help}");
    }
}
