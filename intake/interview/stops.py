"""A stop: the interview must not go on as it is (an interpreter is needed). Until it is
lifted, no account and no consent are taken; staff go on once it is, or keep the draft."""

from __future__ import annotations

from intake.interview.known import Known
from intake.interview.script import Choice, Flag, Kind, Question, Stop

#: The choices of a stop's "what now?" question.
GO_ON, KEEP = "go_on", "keep"


class _NotNoted(dict[str, str]):
    """Answers by key for a stop's summary; one not given yet reads "not noted yet"."""

    def __missing__(self, key: str) -> str:
        return "not noted yet"


class Stops(Known):
    """The stops of the script, read from what the answers establish."""

    def stopped(self) -> Stop | None:
        """The stop in force, if any: until it is lifted, no account and no consent are taken."""
        return self._stop_in_force(self.flags())

    def _stop_in_force(self, flags: set[Flag]) -> Stop | None:
        for stop in self.script.stops:
            if all(self._holds(condition, flags) for condition in stop.when):
                return stop
        return None

    def _kept_while_stopped(self, stop: Stop) -> set[str]:
        """The questions that still apply: those up to the answer that stopped it (already
        given), and what may be noted now."""
        keys = [q.key for q in self.script.questions]
        return set(keys[: keys.index(stop.resume) + 1]) | set(stop.asks)

    def stop_summary(self, stop: Stop) -> str:
        """What the draft records about the stop, with the answers it names."""
        displays = {key: parsed.display for key, parsed in self.answers.items()}
        return stop.summary.format_map(_NotNoted(displays))

    def stop_question(self, stop: Stop) -> Question:
        """ "What now?": go on (an interpreter is there now) or stop and keep the draft."""
        return Question(
            key=stop.choice_key,
            section=self.script.question(stop.resume).section,
            kind=Kind.CHOICE,
            prompt=stop.prompt,
            choices=[Choice(value=GO_ON, label=stop.go_on), Choice(value=KEEP, label=stop.keep)],
            required=True,
        )
