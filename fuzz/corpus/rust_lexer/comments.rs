/* a /* nested */ b */
/// doc
//! inner
/** d */
