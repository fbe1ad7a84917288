// Answers schedule questions the way Kubernetes does, with robfig/cron v3.0.1 itself (the version
// Kubernetes vendors), for the differential test test/unit/schedule-robfig.test.ts.
//
// stdin: one JSON object per line, stdout: one answer per line, in the same order.
//
//	{"schedule": "...", "timeZone": "Europe/Berlin" | null, "local": "UTC", "after": <ms>, "count": 6}
//	  → {"ok": true, "runs": [<ms>...]} or {"ok": false, "error": "..."}
//	{"zone": "Europe/Berlin", "from": <ms>, "to": <ms>} → {"offset": <ms>, "changes": [[<at ms>, <from ms>, <to ms>]...]}
//	  the zone's offset at "from" and its changes up to "to", as Go's tzdata has them
//
// A schedule is accepted as the API server validates it (cron.ParseStandard of spec.schedule, a
// TZ= prefix only without spec.timeZone, time.LoadLocation of spec.timeZone); runs are what the
// CronJob controller computes: ParseStandard("TZ=<spec.timeZone> <schedule>") (formatSchedule in
// pkg/controller/cronjob), else ParseStandard(schedule) in the controller's zone ("local"), then
// Next chained from "after".
package main

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // as kube-controller-manager and kube-apiserver do

	"github.com/robfig/cron/v3"
)

var validTimeZoneCharacters = regexp.MustCompile(`^[A-Za-z\.\-_0-9+]{1,14}$`)

type request struct {
	Schedule string  `json:"schedule"`
	TimeZone *string `json:"timeZone"`
	Local    string  `json:"local"`
	After    int64   `json:"after"`
	Count    int     `json:"count"`
	Zone     string  `json:"zone"`
	From     int64   `json:"from"`
	To       int64   `json:"to"`
}

type answer struct {
	OK      *bool      `json:"ok,omitempty"`
	Error   string     `json:"error,omitempty"`
	Runs    []int64    `json:"runs,omitempty"`
	Hangs   bool       `json:"hangs,omitempty"`
	Offset  *int64     `json:"offset,omitempty"`
	Changes [][3]int64 `json:"changes,omitempty"`
}

// parse is pkg/util/parsers.ParseCronScheduleWithPanicRecovery (robfig panics on "TZ=UTC").
func parse(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("invalid schedule format: %v", r)
		}
	}()
	return cron.ParseStandard(spec)
}

func schedule(q request) answer {
	no := false
	fail := func(err string) answer { return answer{OK: &no, Error: err} }
	local, err := time.LoadLocation(q.Local)
	if err != nil {
		return fail("local zone: " + err.Error())
	}
	time.Local = local // the controller's own zone: robfig reads schedules without a zone in time.Local
	if _, err := parse(q.Schedule); err != nil {
		return fail(err.Error())
	}
	spec := q.Schedule
	if q.TimeZone != nil {
		if strings.Contains(q.Schedule, "TZ") {
			return fail("cannot use both timeZone field and TZ or CRON_TZ in schedule")
		}
		if *q.TimeZone == "" || strings.EqualFold(*q.TimeZone, "Local") {
			return fail("timeZone must be an explicit time zone")
		}
		for _, part := range strings.Split(*q.TimeZone, "/") { // pkg/apis/batch/validation validateTimeZone
			if part == "." || part == ".." || strings.HasPrefix(part, "-") || !validTimeZoneCharacters.MatchString(part) {
				return fail("unknown time zone " + *q.TimeZone)
			}
		}
		if _, err := time.LoadLocation(*q.TimeZone); err != nil {
			return fail(err.Error())
		}
		spec = fmt.Sprintf("TZ=%s %s", *q.TimeZone, q.Schedule)
	}
	sched, err := parse(spec)
	if err != nil {
		return fail("controller: " + err.Error())
	}
	yes := true
	out := answer{OK: &yes, Runs: []int64{}}
	t := time.UnixMilli(q.After).In(time.Local)
	for i := 0; i < q.Count; i++ {
		if t = next(sched, t); t.IsZero() || t.Equal(hung) {
			break
		}
		out.Runs = append(out.Runs, t.UnixMilli())
	}
	out.Hangs = t.Equal(hung)
	return out
}

var hung = time.Unix(-1<<40, 0)

// next is sched.Next(t), or hung when it has not returned after a minute: robfig loops forever on
// some offset changes at midnight (it takes about a second for a schedule that never runs, which
// it looks for minute by minute for five years). A hung call keeps spinning until the program exits.
func next(sched cron.Schedule, t time.Time) time.Time {
	done := make(chan time.Time, 1)
	go func() { done <- sched.Next(t) }()
	select {
	case r := <-done:
		return r
	case <-time.After(time.Minute):
		return hung
	}
}

func changes(q request) answer {
	loc, err := time.LoadLocation(q.Zone)
	if err != nil {
		return answer{Error: err.Error()}
	}
	offset := func(ms int64) int64 { _, o := time.UnixMilli(ms).In(loc).Zone(); return int64(o) * 1000 }
	first := offset(q.From)
	out := answer{Offset: &first, Changes: [][3]int64{}}
	// Hourly samples narrowed to the second (Time.ZoneBounds can stop making progress at a year end).
	for lo, prev := q.From, first; lo < q.To; lo += 3600_000 {
		hi := lo + 3600_000
		if offset(hi) == prev {
			continue
		}
		a, b := lo, hi
		for b-a > 1000 {
			if mid := a + (b-a)/2000*1000; offset(mid) == prev {
				a = mid
			} else {
				b = mid
			}
		}
		out.Changes = append(out.Changes, [3]int64{b, prev, offset(b)})
		prev = offset(b)
	}
	return out
}

// useZip makes time.LoadLocation (robfig calls it for every TZ= prefix) read the zones of a zoneinfo.zip
// (Go's own, as `import _ "time/tzdata"` embeds it) from a directory: reading the zip is slow.
func useZip(path string) (cleanup func(), err error) {
	r, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dir, err := os.MkdirTemp("", "robfig-zoneinfo-")
	if err != nil {
		return nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	for _, f := range r.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.FileInfo().IsDir() || !strings.HasPrefix(target, dir+string(filepath.Separator)) {
			continue
		}
		data, err := f.Open()
		if err == nil {
			var b []byte
			if b, err = io.ReadAll(data); err == nil {
				if err = os.MkdirAll(filepath.Dir(target), 0o755); err == nil {
					err = os.WriteFile(target, b, 0o644)
				}
			}
			data.Close()
		}
		if err != nil {
			cleanup()
			return nil, err
		}
	}
	return cleanup, os.Setenv("ZONEINFO", dir)
}

func main() { os.Exit(run()) }

func run() int {
	if path := os.Getenv("ROBFIG_ZONEINFO_ZIP"); path != "" {
		cleanup, err := useZip(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "zoneinfo:", err)
			return 2
		}
		defer cleanup()
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for in.Scan() {
		var q request
		if err := json.Unmarshal(in.Bytes(), &q); err != nil {
			fmt.Fprintln(os.Stderr, "bad request:", err)
			return 2
		}
		var a answer
		if q.Zone != "" {
			a = changes(q)
		} else {
			a = schedule(q)
		}
		if err := enc.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return 0
}
