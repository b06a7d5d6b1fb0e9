//go:build unix

package history

import (
	"os"
	"syscall"
)

// lock takes an advisory lock on f, exclusive or shared, waiting for it.
// The lock is released when f is closed, also when the process dies, so a
// crash never leaves the history locked.
func lock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}
