"""BPMN element behaviours: what each element type does at each lifecycle step."""
