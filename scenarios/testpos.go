package scenarios

// TestPos returns the position of the [[scenario.test]] header of the
// scenario's test number index (from 0), so `rehearse test` can point at a
// failing recorded playthrough.
func (f *File) TestPos(scenarioID string, index int) (Pos, bool) {
	for _, d := range f.ids {
		if d.id == scenarioID {
			return f.pos.lookup(joinPath(scenarioPath(d.index), "test", indexSeg(index)))
		}
	}
	return Pos{}, false
}
