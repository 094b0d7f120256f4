"""ipywidgets faces over the course's computations, one module per lecture.

Each widget is a thin layer: the numbers it shows come from a plain function that the tests
call without a browser (for module 01, `course.market_size.explore`; each module's widget
file names the function it shows).

Every label a widget shows comes from `course.labels`, in the course's language when the widget
is built (`course.language`: English, or Chinese with `course.set_language("zh")` or
`COURSE_LANGUAGE=zh`); the language changes the labels only, never the controls or the numbers.
"""
